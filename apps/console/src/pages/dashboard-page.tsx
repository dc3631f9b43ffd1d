import { useEffect, useState } from 'react';
import type { InstanceOperationLog } from '@artemis/core';
import { readLog } from '../api';
import { useSession } from '../auth/session-context';
import { useLive } from '../live/live-context';
import { perSecond } from '../logic/rates';
import { hrefOf } from '../shell/router';
import { DataTable, type Column } from '../shell/data-table';
import { Sparkline } from '../shell/sparkline';
import { Empty, ErrorState, Loading } from '../shell/states';
import { Time } from '../shell/time';
import { useAsync } from '../shell/use-async';
import { useManagementData } from '../live/use-management-data';

const recentColumns: Column<InstanceOperationLog>[] = [
  { header: 'When', cell: (log) => <Time value={log.createTime} /> },
  {
    header: 'Instance',
    cell: (log) => (
      <>
        <a href={hrefOf('services', log.serviceId)}>{log.serviceId}</a>/{log.instanceId}
      </>
    ),
  },
  { header: 'Operation', cell: (log) => `${log.operation} ${log.complete ? '(undone)' : ''}` },
  { header: 'Operator', cell: (log) => log.operatorId },
];

/** Lease counters have no push: the dashboard reads them this often while it is open. */
const LEASES_EVERY_MS = 5_000;

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div className="card stat">
      <div className="value">{value}</div>
      <div className="label">{label}</div>
      {hint !== undefined ? <div className="hint">{hint}</div> : null}
    </div>
  );
}

/** The registry at a glance: nodes, services, instances, change rates, self-preservation, recent operations. */
export function DashboardPage() {
  const { admin } = useSession();
  const live = useLive();
  const [now, setNow] = useState(Date.now());
  const [cluster, reloadCluster] = useAsync(() => admin.status.cluster(), [admin]);
  const [leases, reloadLeases] = useAsync(() => admin.status.leases(), [admin]);
  const [recent, reloadRecent] = useManagementData(() => readLog(admin, 'instance-operation', { limit: 8, offset: 0 }), [admin]);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    const poll = setInterval(reloadLeases, LEASES_EVERY_MS);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [reloadLeases]);
  const { state } = live;
  let instances = 0;
  let pulledOut = 0;
  let clientDown = 0;
  for (const service of state.services.values()) {
    for (const row of service.instances.values()) {
      if (row.mark === 'delete') continue;
      instances += 1;
      if (row.pulledOut) pulledOut += 1;
      else if ((row.instance.status ?? 'up').toLowerCase() !== 'up') clientDown += 1;
    }
  }
  const registrations = perSecond(state.rates, 'new', now, 60);
  const changes = perSecond(state.rates, 'change', now, 60);
  const deletions = perSecond(state.rates, 'delete', now, 60);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      {!state.loaded && live.error !== null ? <ErrorState error={live.error} retry={() => void live.refresh()} /> : null}
      {!state.loaded && live.error === null ? <Loading what="the registry" /> : null}
      <div className="cards">
        <Stat label="Nodes" value={cluster.status === 'done' ? cluster.data.nodeCount : '…'} hint={cluster.status === 'error' ? 'cluster status unavailable' : 'in this cluster'} />
        <Stat label="Services" value={state.services.size} />
        <Stat label="Instances" value={instances} hint={`${instances - pulledOut - clientDown} up · ${clientDown} not up · ${pulledOut} pulled out`} />
        <Stat
          label="Self-preservation"
          value={leases.status === 'done' ? (leases.data.isSafe ? 'off' : 'ON') : '…'}
          hint={leases.status === 'done' ? `${leases.data.leaseUpdateCountLastTimeWindow} renewals in the last window (threshold ${leases.data.leaseUpdateMaxCount})` : 'lease status'}
        />
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>Registrations per second</h2>
          <Sparkline values={registrations} label="registrations per second" />
          <p className="hint">now {registrations[registrations.length - 1]}/s · last minute {registrations.reduce((a, b) => a + b, 0)}</p>
        </div>
        <div className="card">
          <h2>Changes and expiries per second</h2>
          <Sparkline values={changes.map((value, index) => value + (deletions[index] ?? 0))} label="changes and deletions per second" />
          <p className="hint">
            last minute: {changes.reduce((a, b) => a + b, 0)} changed · {deletions.reduce((a, b) => a + b, 0)} left
          </p>
        </div>
      </div>
      <h2>Recent management operations</h2>
      {recent.status === 'loading' ? (
        <Loading what="operations" />
      ) : recent.status === 'error' ? (
        <ErrorState error={recent.error} retry={reloadRecent} />
      ) : (recent.data.logs ?? []).length === 0 ? (
        <Empty>No instance has been pulled out or in yet.</Empty>
      ) : (
        <DataTable columns={recentColumns} rows={recent.data.logs ?? []} rowKey={(log) => String(log.id)} />
      )}
      {cluster.status === 'error' ? <ErrorState error={cluster.error} retry={reloadCluster} /> : null}
      <p className="hint">
        <a href={hrefOf('audit')}>Every log →</a>
      </p>
    </section>
  );
}
