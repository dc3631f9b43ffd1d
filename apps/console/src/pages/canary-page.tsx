import { useState, type FormEvent } from 'react';
import { ReservedRouteIds, type ManagementServiceResponse } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { useManagementData } from '../live/use-management-data';
import { distinct } from '../logic/instance-filter';
import { AsyncView } from '../shell/async-view';
import { DataTable, type Column } from '../shell/data-table';
import { FormError } from '../shell/form-error';
import { PageSection } from '../shell/page-section';
import { Empty } from '../shell/states';
import { SuggestInput } from '../shell/suggest-input';
import { useAction } from '../shell/use-action';

/** Loose check of one IPv4 or IPv6 address, enough to catch typos before the node is asked. */
export function isIpAddress(text: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(text)) return true;
  return text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text);
}

/** Canary: which client IPs a service routes to its canary group; set and clear. */
export function CanaryPage() {
  const session = useSession();
  const live = useLive();
  const services = distinct(live.state.services.values(), 'serviceId');
  const [serviceId, setServiceId] = useState('');
  return (
    <PageSection title="Canary">
      <p className="muted">Clients calling from the canary IPs of a service are routed to its canary group ({ReservedRouteIds.canaryRouteRule}).</p>
      <div className="toolbar">
        <SuggestInput label="Service" value={serviceId} onChange={setServiceId} options={services} />
      </div>
      {serviceId.trim() === '' ? <Empty>Choose a service to see and set its canary IPs.</Empty> : <CanaryOf key={serviceId} serviceId={serviceId.trim()} canWrite={session.can('operator')} />}
    </PageSection>
  );
}

type CanaryGroup = NonNullable<ServiceRouteRuleOf['groups']>[number];
type ServiceRouteRuleOf = NonNullable<NonNullable<ManagementServiceResponse['service']>['routeRules']>[number];

const columns: Column<CanaryGroup>[] = [
  { header: 'Group', cell: (group) => group.groupKey },
  { header: 'Weight', cell: (group) => group.weight },
  { header: 'Instances', cell: (group) => (group.instances ?? []).map((instance) => instance.instanceId).join(', ') || (group.instanceIds ?? []).join(', ') },
  { header: 'Tags', cell: (group) => Object.entries(group.metadata ?? {}).map(([key, value]) => `${key}=${String(value)}`).join(', ') },
];

function CanaryOf({ serviceId, canWrite }: { serviceId: string; canWrite: boolean }) {
  const { admin } = useSession();
  const [detail, reload] = useManagementData(() => admin.instances.service(serviceId), [admin, serviceId]);
  const [appId, setAppId] = useState(serviceId);
  const [ips, setIps] = useState('');
  const action = useAction();
  const save = async (list: string[]): Promise<void> => {
    if (await action.run(() => admin.canary.setIps(serviceId, appId.trim(), list))) {
      setIps('');
      reload();
    }
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const list = ips.split(/[\s,]+/).filter((ip) => ip !== '');
    const bad = list.find((ip) => !isIpAddress(ip));
    if (bad !== undefined) return action.setError(`“${bad}” is not an IP address.`);
    if (list.length === 0) return action.setError('Enter at least one IP, or use Clear.');
    if (appId.trim() === '') return action.setError('Name the app.');
    void save(list);
  };
  const canaryOf = (answer: ManagementServiceResponse) => (answer.service?.routeRules ?? []).find((rule) => rule.routeId === ReservedRouteIds.canaryRouteRule);
  return (
    <>
      <h2>Now</h2>
      <AsyncView state={detail} what="the canary state" retry={reload} isEmpty={(answer) => canaryOf(answer) === undefined} empty={`${serviceId} has no canary route: every client gets the same instances.`}>
        {(answer) => <DataTable columns={columns} rows={canaryOf(answer)?.groups ?? []} rowKey={(group) => group.groupKey ?? ''} />}
      </AsyncView>
      {canWrite ? (
        <form className="card inline" onSubmit={submit} aria-label="Set canary IPs">
          <label>
            App
            <input value={appId} onChange={(event) => setAppId(event.target.value)} />
          </label>
          <label>
            Canary IPs (replace the list)
            <input value={ips} placeholder="10.0.0.7, 10.0.0.8" onChange={(event) => setIps(event.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={action.busy}>
            Set
          </button>
          <button type="button" disabled={action.busy} onClick={() => void save([])}>
            Clear (undo)
          </button>
          <FormError message={action.error} />
        </form>
      ) : null}
    </>
  );
}
