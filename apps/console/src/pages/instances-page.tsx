import { useMemo, useState } from 'react';
import { instanceKeyOf } from '@artemis/core';
import { describeError } from '../api';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import type { LiveInstance } from '../live/live-reducer';
import { distinct, emptyInstanceFilter, filterInstances, type InstanceFilter } from '../logic/instance-filter';
import { ConfirmDialog } from '../shell/confirm-dialog';
import { Empty, ErrorState, Loading } from '../shell/states';
import { InstanceHistory } from './instance-history';
import { InstanceTable } from './instance-table';

type Action = 'pull-out' | 'pull-in';

/** Every instance, filtered by service, zone, IP and status; pull out and in, with history. */
export function InstancesPage() {
  const session = useSession();
  const live = useLive();
  const [filter, setFilter] = useState<InstanceFilter>(emptyInstanceFilter);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<LiveInstance | null>(null);
  const { state } = live;
  const rows = useMemo(() => filterInstances(state.services.values(), filter), [state.services, filter]);
  const serviceIds = useMemo(() => distinct(state.services.values(), 'serviceId'), [state.services]);
  const zones = useMemo(() => distinct(state.services.values(), 'zoneId'), [state.services]);
  if (!state.loaded) return live.error !== null ? <ErrorState error={live.error} retry={() => void live.refresh()} /> : <Loading what="instances" />;

  const chosen = rows.filter((row) => selected.has(row.key));
  const set = (patch: Partial<InstanceFilter>) => setFilter({ ...filter, ...patch });
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };
  const canWrite = session.can('operator');

  const apply = async (): Promise<void> => {
    if (action === null) return;
    setBusy(true);
    setError(null);
    try {
      for (const row of chosen) await session.admin.instances.operateInstance(instanceKeyOf(row.instance), action === 'pull-in', { operation: 'pullout' });
      await live.refresh();
      setSelected(new Set());
      setAction(null);
    } catch (failure) {
      setError(describeError(failure));
      await live.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="instances-title">
      <h1 id="instances-title">Instances</h1>
      <form className="toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          Service
          <select value={filter.service} onChange={(event) => set({ service: event.target.value })}>
            <option value="">all</option>
            {serviceIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Zone
          <select value={filter.zone} onChange={(event) => set({ zone: event.target.value })}>
            <option value="">all</option>
            {zones.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label>
          IP
          <input value={filter.ip} placeholder="10.0." onChange={(event) => set({ ip: event.target.value })} />
        </label>
        <label>
          Status
          <select value={filter.status} onChange={(event) => set({ status: event.target.value as InstanceFilter['status'] })}>
            <option value="any">any</option>
            <option value="serving">served by discovery</option>
            <option value="pulled-out">pulled out</option>
            <option value="client-down">client not up</option>
          </select>
        </label>
        <label>
          Instance or URL
          <input type="search" value={filter.text} onChange={(event) => set({ text: event.target.value })} />
        </label>
        {canWrite ? (
          <>
            <button type="button" disabled={chosen.length === 0} onClick={() => (setError(null), setAction('pull-out'))}>
              Pull out
            </button>
            <button type="button" disabled={chosen.length === 0} onClick={() => (setError(null), setAction('pull-in'))}>
              Pull in
            </button>
          </>
        ) : null}
        <span className="muted">
          {rows.length} shown{chosen.length > 0 ? `, ${chosen.length} selected` : ''}
        </span>
      </form>
      {rows.length === 0 ? (
        <Empty>{state.services.size === 0 ? 'No instance is registered yet.' : 'No instance matches the filter.'}</Empty>
      ) : (
        <InstanceTable rows={rows} {...(canWrite ? { selected, onToggle: toggle } : {})} onHistory={setHistory} />
      )}
      {history !== null ? <InstanceHistory row={history} onClose={() => setHistory(null)} /> : null}
      {action !== null ? (
        <ConfirmDialog
          title={action === 'pull-out' ? 'Pull out of discovery' : 'Pull back into discovery'}
          confirmLabel={`${action === 'pull-out' ? 'Pull out' : 'Pull in'} ${chosen.length} instance${chosen.length === 1 ? '' : 's'}`}
          busy={busy}
          error={error}
          onConfirm={() => void apply()}
          onCancel={() => setAction(null)}
        >
          <p>
            {action === 'pull-out'
              ? 'Discovery will stop serving these instances to every client; they stay registered and keep their leases:'
              : 'Discovery will serve these instances again (unless a server, zone or group operation still hides them):'}
          </p>
          <ul>
            {chosen.map((row) => (
              <li key={row.key}>
                <strong>
                  {row.instance.serviceId}/{row.instance.instanceId}
                </strong>{' '}
                <span className="muted">
                  {row.instance.ip} · {row.instance.zoneId}
                </span>
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
