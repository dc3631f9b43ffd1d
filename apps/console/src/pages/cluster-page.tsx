import { useEffect } from 'react';
import type { ServiceNode } from '@artemis/core';
import { useSession } from '../auth/session-context';
import { clusterRows, formatDuration, type ClusterRow } from '../logic/cluster-rows';
import { AsyncView } from '../shell/async-view';
import { DataTable, type Column } from '../shell/data-table';
import { PageSection } from '../shell/page-section';
import { Empty } from '../shell/states';
import { Time } from '../shell/time';
import { useAsync } from '../shell/use-async';

/** Cluster status has no push: the page reads it again this often while open. */
const CLUSTER_EVERY_MS = 5_000;

/** Registry and discovery in one cell: the table must fit 1280 px with every replication column. */
function servesOf(registry: boolean | null, discovery: boolean | null): string {
  if (registry === null && discovery === null) return '—';
  const serves = [registry === true ? 'registry' : null, discovery === true ? 'discovery' : null].filter((part) => part !== null);
  return serves.length === 2 ? 'both' : (serves[0] ?? 'none');
}

function NodeList({ title, nodes }: { title: string; nodes: readonly ServiceNode[] }) {
  return (
    <div className="card" aria-label={title} role="region">
      <h2>{title}</h2>
      {nodes.length === 0 ? (
        <Empty>none</Empty>
      ) : (
        <ul>
          {nodes.map((node) => (
            <li key={node.url} data-up-node={node.url}>
              {node.url} <span className="muted">{node.zone.zoneId}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const columns: Column<ClusterRow>[] = [
  { header: 'Node', cell: (row) => (row.self ? <>{row.url} <span className="muted">(this node)</span></> : row.url) },
  { header: 'Zone', cell: (row) => `${row.regionId} / ${row.zoneId}` },
  { header: 'State', cell: (row) => <span className={`pill ${row.state === 'up' ? 'pill-up' : 'pill-out'}`}>{row.state}</span>, marks: (row) => ({ 'data-state': row.state }) },
  { header: 'Last contact', cell: (row) => (row.self ? '—' : <Time value={row.lastContact} />) },
  { header: <abbr title="replication queue: writes waiting to be sent to the peer">Queue</abbr>, cell: (row) => (row.queueDepth === null ? '—' : `${row.queueDepth}${row.dirty ? ' (repair pending)' : ''}`), marks: (row) => ({ 'data-queue': row.queueDepth === null ? '' : String(row.queueDepth) }) },
  { header: 'Lag', cell: (row) => formatDuration(row.lagMs), marks: (row) => ({ 'data-lag': row.lagMs === null ? '' : String(row.lagMs) }) },
  { header: 'Sent / retried', cell: (row) => (row.sent === null ? '—' : `${row.sent} / ${row.retried ?? 0}`) },
  {
    header: <abbr title="renewals the peer answered unknown / instances then sent to it whole">Unknown / resent</abbr>,
    cell: (row) => (row.renewalsUnknown === null ? '—' : `${row.renewalsUnknown} / ${row.resentWhole ?? 0}`),
  },
  { header: <abbr title="registry, discovery, both or none">Serves</abbr>, cell: (row) => servesOf(row.servesRegistry, row.servesDiscovery) },
  { header: 'Last error', cell: (row) => row.error ?? '' },
];

/**
 * Every node of the cluster as the answering node sees it: state, zone, last contact,
 * replication queue and lag per peer; the up-registry and up-discovery lists.
 */
export function ClusterPage() {
  const { admin } = useSession();
  const [data, reload] = useAsync(async () => {
    const [cluster, registry, discovery] = await Promise.all([admin.status.cluster(), admin.status.upRegistryNodes(), admin.status.upDiscoveryNodes()]);
    return { nodes: cluster.nodesStatus ?? [], registry: registry.nodes ?? [], discovery: discovery.nodes ?? [], at: Date.now() };
  }, [admin]);
  useEffect(() => {
    const poll = setInterval(reload, CLUSTER_EVERY_MS);
    return () => clearInterval(poll);
  }, [reload]);
  return (
    <PageSection title="Cluster">
      <div className="toolbar">
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <AsyncView state={data} what="the cluster" retry={reload}>
        {(cluster) => (
          <>
            <DataTable columns={columns} rows={clusterRows(cluster.nodes, cluster.at)} rowKey={(row) => row.url} rowMarks={(row) => ({ 'data-node': row.url })} label="Nodes" />
            <div className="grid-2">
              <NodeList title="Up for registry" nodes={cluster.registry} />
              <NodeList title="Up for discovery" nodes={cluster.discovery} />
            </div>
          </>
        )}
      </AsyncView>
    </PageSection>
  );
}
