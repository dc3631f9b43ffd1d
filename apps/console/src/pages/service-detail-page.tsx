import { serviceKeyOf } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { instancesOf } from '../live/live-reducer';
import { percent, sharesOf } from '../logic/weight-preview';
import { hrefOf } from '../shell/router';
import { Empty, ErrorState, Loading } from '../shell/states';
import { InstanceTable } from './instance-table';
import { useManagementData } from '../live/use-management-data';

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
      {detail.status === 'loading' ? (
        <Loading what="route rules" />
      ) : detail.status === 'error' ? (
        <ErrorState error={detail.error} retry={reload} />
      ) : (detail.data.service?.routeRules ?? []).length === 0 ? (
        <Empty>
          No route rule: discovery serves every instance alike. Define one on the <a href={hrefOf('routing')}>routing page</a>.
        </Empty>
      ) : (
        <div className="grid-2">
          {(detail.data.service?.routeRules ?? []).map((rule) => {
            const shares = sharesOf((rule.groups ?? []).map((group) => ({ groupKey: group.groupKey, zoneId: null, weight: group.weight, active: true, instances: null })));
            return (
              <div className="card" key={rule.routeId} data-route-rule={rule.routeId}>
                <h3>
                  {rule.routeId} <span className="muted">({rule.strategy})</span>
                </h3>
                <table>
                  <thead>
                    <tr>
                      <th>Group</th>
                      <th>Weight</th>
                      <th>Share</th>
                      <th>Instances</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(rule.groups ?? []).map((group, index) => (
                      <tr key={group.groupKey}>
                        <td>{group.groupKey}</td>
                        <td>{shares[index]?.weight}</td>
                        <td>{percent(shares[index]?.share ?? 0)}</td>
                        <td>{group.instanceIds?.length ?? group.instances?.length ?? 0}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })}
        </div>
      )}
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
