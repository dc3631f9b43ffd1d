import { useState, type FormEvent } from 'react';
import { ReservedRouteIds } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { distinct } from '../logic/instance-filter';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useAsync } from '../shell/use-async';

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
    <section aria-labelledby="canary-title">
      <h1 id="canary-title">Canary</h1>
      <p className="muted">Clients calling from the canary IPs of a service are routed to its canary group ({ReservedRouteIds.canaryRouteRule}).</p>
      <div className="toolbar">
        <label>
          Service
          <input list="canary-services" value={serviceId} onChange={(event) => setServiceId(event.target.value)} />
          <datalist id="canary-services">
            {services.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </label>
      </div>
      {serviceId.trim() === '' ? <Empty>Choose a service to see and set its canary IPs.</Empty> : <CanaryOf key={serviceId} serviceId={serviceId.trim()} canWrite={session.can('operator')} />}
    </section>
  );
}

function CanaryOf({ serviceId, canWrite }: { serviceId: string; canWrite: boolean }) {
  const { admin } = useSession();
  const [detail, reload] = useAsync(() => admin.instances.service(serviceId), [admin, serviceId]);
  const [appId, setAppId] = useState(serviceId);
  const [ips, setIps] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (list: string[]): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await admin.canary.setIps(serviceId, appId.trim(), list);
      setIps('');
      reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const list = ips.split(/[\s,]+/).filter((ip) => ip !== '');
    const bad = list.find((ip) => !isIpAddress(ip));
    if (bad !== undefined) return setError(`“${bad}” is not an IP address.`);
    if (list.length === 0) return setError('Enter at least one IP, or use Clear.');
    if (appId.trim() === '') return setError('Name the app.');
    void save(list);
  };
  const canary = detail.status === 'done' ? (detail.data.service?.routeRules ?? []).find((rule) => rule.routeId === ReservedRouteIds.canaryRouteRule) : undefined;
  return (
    <>
      <h2>Now</h2>
      {detail.status === 'loading' ? (
        <Loading what="the canary state" />
      ) : detail.status === 'error' ? (
        <ErrorState error={detail.error} retry={reload} />
      ) : canary === undefined ? (
        <Empty>{serviceId} has no canary route: every client gets the same instances.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Group</th>
                <th>Weight</th>
                <th>Instances</th>
                <th>Tags</th>
              </tr>
            </thead>
            <tbody>
              {(canary.groups ?? []).map((group) => (
                <tr key={group.groupKey}>
                  <td>{group.groupKey}</td>
                  <td>{group.weight}</td>
                  <td>{(group.instances ?? []).map((instance) => instance.instanceId).join(', ') || (group.instanceIds ?? []).join(', ')}</td>
                  <td>{Object.entries(group.metadata ?? {}).map(([key, value]) => `${key}=${String(value)}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
          <button type="submit" className="primary" disabled={busy}>
            Set
          </button>
          <button type="button" disabled={busy} onClick={() => void save([])}>
            Clear (undo)
          </button>
          {error !== null ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
