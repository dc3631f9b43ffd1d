import { useMemo, useState, type FormEvent } from 'react';
import { serviceKeyOf, type ZoneOperations } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { distinct } from '../logic/instance-filter';
import { ConfirmDialog } from '../shell/confirm-dialog';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useAsync } from '../shell/use-async';

interface Pending {
  readonly list: readonly ZoneOperations[];
  readonly complete: boolean;
  readonly hidden: readonly string[];
}

/** Zone operations: which services are pulled out of which zones; apply and undo. */
export function ZonesPage() {
  const session = useSession();
  const live = useLive();
  const [zones, reload] = useAsync(() => session.admin.zones.all(), [session.admin]);
  const [serviceId, setServiceId] = useState('');
  const [zoneId, setZoneId] = useState('');
  const [operation, setOperation] = useState('pullout');
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const serviceIds = useMemo(() => distinct(live.state.services.values(), 'serviceId'), [live.state.services]);
  const zoneIds = useMemo(() => distinct(live.state.services.values(), 'zoneId'), [live.state.services]);
  const canWrite = session.can('operator');

  const instancesIn = (service: string, zone: string): string[] =>
    [...(live.state.services.get(serviceKeyOf(service))?.instances.values() ?? [])]
      .filter((row) => row.mark !== 'delete' && (row.instance.zoneId ?? '').toLowerCase() === zone.toLowerCase())
      .map((row) => `${row.instance.instanceId} (${row.instance.ip})`);
  const regionOf = (service: string): string => live.state.services.get(serviceKeyOf(service))?.instances.values().next().value?.instance.regionId ?? 'default';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (serviceId.trim() === '' || zoneId.trim() === '' || operation.trim() === '') {
      setFormError('Name the service, the zone and the operation.');
      return;
    }
    setFormError(null);
    setError(null);
    const zoneKey = { regionId: regionOf(serviceId.trim()), serviceId: serviceId.trim(), zoneId: zoneId.trim() };
    setPending({ list: [{ zoneKey, operations: [operation.trim()] }], complete: false, hidden: instancesIn(serviceId.trim(), zoneId.trim()) });
  };
  const confirm = async (): Promise<void> => {
    if (pending === null) return;
    setBusy(true);
    setError(null);
    try {
      await session.admin.zones.operate(pending.list, pending.complete, { operation: pending.complete ? 'pullin' : 'pullout' });
      setPending(null);
      reload();
      await live.refresh();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="zones-title">
      <h1 id="zones-title">Zone operations</h1>
      <p className="muted">A zone operation hides every instance of a service in a zone from discovery.</p>
      {canWrite ? (
        <form className="card inline" onSubmit={submit} aria-label="Apply a zone operation">
          <label>
            Service
            <input list="zone-services" value={serviceId} onChange={(event) => setServiceId(event.target.value)} />
            <datalist id="zone-services">
              {serviceIds.map((id) => (
                <option key={id} value={id} />
              ))}
            </datalist>
          </label>
          <label>
            Zone
            <input list="zone-zones" value={zoneId} onChange={(event) => setZoneId(event.target.value)} />
            <datalist id="zone-zones">
              {zoneIds.map((id) => (
                <option key={id} value={id} />
              ))}
            </datalist>
          </label>
          <label>
            Operation
            <input value={operation} onChange={(event) => setOperation(event.target.value)} />
          </label>
          <button type="submit" className="primary">
            Apply…
          </button>
          {formError !== null ? (
            <p className="form-error" role="alert">
              {formError}
            </p>
          ) : null}
        </form>
      ) : null}
      <h2>In force</h2>
      {zones.status === 'loading' ? (
        <Loading what="zone operations" />
      ) : zones.status === 'error' ? (
        <ErrorState error={zones.error} retry={reload} />
      ) : zones.data.allZoneOperations.length === 0 ? (
        <Empty>No zone operation is in force: every zone serves.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Service</th>
                <th>Region</th>
                <th>Zone</th>
                <th>Operations</th>
                <th>Instances hidden</th>
                {canWrite ? <th>Undo</th> : null}
              </tr>
            </thead>
            <tbody>
              {zones.data.allZoneOperations.map((entry) => {
                const key = entry.zoneKey;
                const hidden = instancesIn(key.serviceId ?? '', key.zoneId ?? '');
                return (
                  <tr key={`${key.serviceId}/${key.regionId}/${key.zoneId}`}>
                    <td>{key.serviceId}</td>
                    <td>{key.regionId}</td>
                    <td>{key.zoneId}</td>
                    <td>{entry.operations.join(', ')}</td>
                    <td>{hidden.length}</td>
                    {canWrite ? (
                      <td>
                        <button type="button" onClick={() => (setError(null), setPending({ list: [entry], complete: true, hidden }))}>
                          Undo
                        </button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pending !== null ? (
        <ConfirmDialog
          title={pending.complete ? 'Undo the zone operation' : 'Apply the zone operation'}
          confirmLabel={pending.complete ? 'Undo' : `Hide ${pending.hidden.length} instance${pending.hidden.length === 1 ? '' : 's'}`}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        >
          <p>
            {pending.complete ? 'Discovery will serve again' : 'Discovery will stop serving'} the instances of <strong>{pending.list[0]?.zoneKey.serviceId}</strong> in zone{' '}
            <strong>{pending.list[0]?.zoneKey.zoneId}</strong>
            {pending.complete ? ' (unless another operation still hides them)' : ', now and any that register there later'}:
          </p>
          {pending.hidden.length === 0 ? (
            <p className="muted">none is registered there now.</p>
          ) : (
            <ul>
              {pending.hidden.map((id) => (
                <li key={id}>{id}</li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
