import { useMemo, useState, type FormEvent } from 'react';
import { serviceKeyOf, type ZoneOperations } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { useManagementData } from '../live/use-management-data';
import { distinct } from '../logic/instance-filter';
import { AsyncView } from '../shell/async-view';
import { ConfirmDialog } from '../shell/confirm-dialog';
import { DataTable, type Column } from '../shell/data-table';
import { FormError } from '../shell/form-error';
import { PageSection } from '../shell/page-section';
import { SuggestInput } from '../shell/suggest-input';
import { useAction } from '../shell/use-action';

interface Pending {
  readonly list: readonly ZoneOperations[];
  readonly complete: boolean;
  readonly hidden: readonly string[];
}

/** Zone operations: which services are pulled out of which zones; apply and undo. */
export function ZonesPage() {
  const session = useSession();
  const live = useLive();
  const [zones, reload] = useManagementData(() => session.admin.zones.all(), [session.admin]);
  const [serviceId, setServiceId] = useState('');
  const [zoneId, setZoneId] = useState('');
  const [operation, setOperation] = useState('pullout');
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const action = useAction();
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
    action.setError(null);
    const zoneKey = { regionId: regionOf(serviceId.trim()), serviceId: serviceId.trim(), zoneId: zoneId.trim() };
    setPending({ list: [{ zoneKey, operations: [operation.trim()] }], complete: false, hidden: instancesIn(serviceId.trim(), zoneId.trim()) });
  };
  const confirm = async (): Promise<void> => {
    if (pending === null) return;
    const done = await action.run(() => session.admin.zones.operate(pending.list, pending.complete, { operation: pending.complete ? 'pullin' : 'pullout' }));
    if (!done) return;
    setPending(null);
    reload();
    await live.refresh();
  };
  const columns: Column<ZoneOperations>[] = [
    { header: 'Service', cell: (entry) => entry.zoneKey.serviceId },
    { header: 'Region', cell: (entry) => entry.zoneKey.regionId },
    { header: 'Zone', cell: (entry) => entry.zoneKey.zoneId },
    { header: 'Operations', cell: (entry) => entry.operations.join(', ') },
    { header: 'Instances hidden', cell: (entry) => instancesIn(entry.zoneKey.serviceId ?? '', entry.zoneKey.zoneId ?? '').length },
    {
      header: 'Undo',
      shown: canWrite,
      cell: (entry) => (
        <button type="button" onClick={() => (action.setError(null), setPending({ list: [entry], complete: true, hidden: instancesIn(entry.zoneKey.serviceId ?? '', entry.zoneKey.zoneId ?? '') }))}>
          Undo
        </button>
      ),
    },
  ];

  return (
    <PageSection title="Zone operations">
      <p className="muted">A zone operation hides every instance of a service in a zone from discovery.</p>
      {canWrite ? (
        <form className="card inline" onSubmit={submit} aria-label="Apply a zone operation">
          <SuggestInput label="Service" value={serviceId} onChange={setServiceId} options={serviceIds} />
          <SuggestInput label="Zone" value={zoneId} onChange={setZoneId} options={zoneIds} />
          <label>
            Operation
            <input value={operation} onChange={(event) => setOperation(event.target.value)} />
          </label>
          <button type="submit" className="primary">
            Apply…
          </button>
          <FormError message={formError} />
        </form>
      ) : null}
      <h2>In force</h2>
      <AsyncView state={zones} what="zone operations" retry={reload} isEmpty={(data) => data.allZoneOperations.length === 0} empty="No zone operation is in force: every zone serves.">
        {(data) => <DataTable columns={columns} rows={data.allZoneOperations} rowKey={(entry) => `${entry.zoneKey.serviceId}/${entry.zoneKey.regionId}/${entry.zoneKey.zoneId}`} />}
      </AsyncView>
      {pending !== null ? (
        <ConfirmDialog
          title={pending.complete ? 'Undo the zone operation' : 'Apply the zone operation'}
          confirmLabel={pending.complete ? 'Undo' : `Hide ${pending.hidden.length} instance${pending.hidden.length === 1 ? '' : 's'}`}
          busy={action.busy}
          error={action.error}
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
    </PageSection>
  );
}
