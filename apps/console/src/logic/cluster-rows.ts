import type { ClusterNodeStatus } from '@artemis/core';

/** A node as the cluster page shows it. */
export interface ClusterRow {
  readonly url: string;
  readonly regionId: string;
  readonly zoneId: string;
  readonly state: string;
  /** True for the node that answered (it has no replication to itself). */
  readonly self: boolean;
  readonly lastContact: number | null;
  /** Writes queued for the peer; null for the answering node. */
  readonly queueDepth: number | null;
  /** True when the peer needs an anti-entropy repair (writes were dropped or failed). */
  readonly dirty: boolean;
  /**
   * How far behind the peer may be, in ms: the time since the last contact while writes wait
   * for it (queued, or dropped and awaiting repair); 0 when it is in step; null when unknown.
   */
  readonly lagMs: number | null;
  readonly sent: number | null;
  readonly retried: number | null;
  /** Renewals the peer answered unknown (it lacked the instance), and the instances then sent whole; null for the answering node. */
  readonly renewalsUnknown: number | null;
  readonly resentWhole: number | null;
  readonly error: string | null;
  readonly servesRegistry: boolean | null;
  readonly servesDiscovery: boolean | null;
}

/** The rows of `cluster.json`: the answering node first (it carries no replication fields), then its peers. */
export function clusterRows(nodes: readonly ClusterNodeStatus[], now: number): ClusterRow[] {
  return nodes.map((status) => {
    const replication = status.replication;
    const lastContact = status.lastContactTime ?? null;
    const waiting = replication !== undefined && (replication.queueDepth > 0 || replication.dirty);
    const lagMs = replication === undefined ? null : !waiting ? 0 : lastContact === null ? null : Math.max(0, now - lastContact);
    return {
      url: status.node?.url ?? '',
      regionId: status.node?.zone.regionId ?? '',
      zoneId: status.node?.zone.zoneId ?? '',
      state: status.status,
      self: replication === undefined,
      lastContact,
      queueDepth: replication?.queueDepth ?? null,
      dirty: replication?.dirty ?? false,
      lagMs,
      sent: replication?.sent ?? null,
      retried: replication?.retried ?? null,
      // Absent from the answer of a node older than these counters.
      renewalsUnknown: replication?.renewalsUnknown ?? null,
      resentWhole: replication?.resentWhole ?? null,
      error: status.error ?? null,
      servesRegistry: status.canServiceRegistry,
      servesDiscovery: status.canServiceDiscovery,
    };
  });
}

/** A duration for people: ms under a second, then seconds, then minutes. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}
