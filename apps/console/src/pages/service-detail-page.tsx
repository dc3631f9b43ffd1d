import { serviceKeyOf } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { instancesOf } from '../live/live-reducer';
import { percent, sharesOf } from '../logic/weight-preview';
import { hrefOf } from '../shell/router';
import { useManagementData } from '../live/use-management-data';
import { AsyncView } from '../shell/async-view';
import { DataTable, type Column } from '../shell/data-table';
import { Empty, Loading } from '../shell/states';
import { InstanceTable } from './instance-table';

/** One service: its instances live, its route rules and the weight each group gets. */
export function ServiceDetailPage({ serviceId }: { serviceId: string }) {
  const { admin } = useSession();
  const live = useLive();
  const [detail, reload] = useManagementData(() => admin.instances.service(serviceId), [admin, serviceId]);
  const service = live.state.services.get(serviceKeyOf(serviceId));
  const rows = instancesOf(service);
  return (
    <section aria-labelledby="service-title">
      <p>
        <a href={hrefOf('services')}>← Services</a>
      </p>
      <h1 id="service-title">{service?.serviceId ?? serviceId}</h1>
      <h2>Instances</h2>
      {!live.state.loaded ? (
        <Loading what="instances" />
      ) : rows.length === 0 ? (
        <Empty>No instance of {serviceId} is registered. New ones appear here as they register.</Empty>
      ) : (
        <InstanceTable rows={rows} showService={false} />
      )}
      <h2>Route rules</h2>
      <AsyncView
        state={detail}
        what="route rules"
        retry={reload}
        isEmpty={(answer) => (answer.service?.routeRules ?? []).length === 0}
        empty={
          <>
            No route rule: discovery serves every instance alike. Define one on the <a href={hrefOf('routing')}>routing page</a>.
          </>
        }
      >
        {(answer) => (
          <div className="grid-2">
            {(answer.service?.routeRules ?? []).map((rule) => {
              const groups = rule.groups ?? [];
              const shares = sharesOf(groups.map((group) => ({ groupKey: group.groupKey, zoneId: null, weight: group.weight, active: true, instances: null })));
              const columns: Column<(typeof groups)[number]>[] = [
                { header: 'Group', cell: (group) => group.groupKey },
                { header: 'Weight', cell: (group) => shares[groups.indexOf(group)]?.weight },
                { header: 'Share', cell: (group) => percent(shares[groups.indexOf(group)]?.share ?? 0) },
                { header: 'Instances', cell: (group) => group.instanceIds?.length ?? group.instances?.length ?? 0 },
              ];
              return (
                <div className="card" key={rule.routeId} data-route-rule={rule.routeId}>
                  <h3>
                    {rule.routeId} <span className="muted">({rule.strategy})</span>
                  </h3>
                  <DataTable columns={columns} rows={groups} rowKey={(group) => group.groupKey ?? ''} />
                </div>
              );
            })}
          </div>
        )}
      </AsyncView>
      {detail.status === 'done' && (detail.data.groups ?? []).length > 0 ? (
        <>
          <h2>Groups</h2>
          <ul>
            {(detail.data.groups ?? []).map((group) => (
              <li key={group.groupKey}>
                {group.groupKey} <span className="muted">{Object.entries(group.metadata ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ')}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
