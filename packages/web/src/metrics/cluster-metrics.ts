import type { Registry } from 'prom-client';
import type { ClusterReplication } from '@artemis/server';
import { counterOf, gaugeOf } from './node-metrics.js';

/**
 * The cluster's per-peer metrics (docs/operations.md, "Metrics"), read from the replication's
 * peer states at scrape time. One series per peer: a cluster has a handful of nodes.
 */
export function registerClusterMetrics(registry: Registry, cluster: ClusterReplication, now: () => number = Date.now): void {
  const peers = () => cluster.peerStates();
  const reachable = (state: string) => state !== 'unreachable' && state !== 'unknown' && state !== 'rejected';
  gaugeOf(registry, 'artemis_peer_up', 'Whether the last probe of the peer succeeded (1) or not (0).', ['peer'], () =>
    peers().map((peer) => [{ peer: peer.address.url }, reachable(peer.state) ? 1 : 0]),
  );
  gaugeOf(registry, 'artemis_replication_queue_depth', 'Writes waiting to be replicated to the peer.', ['peer'], () =>
    peers().map((peer) => [{ peer: peer.address.url }, peer.queue.stats.depth]),
  );
  gaugeOf(registry, 'artemis_replication_lag_seconds', 'How long the peer\'s queue has held undelivered writes (0 when empty).', ['peer'], () =>
    peers().map((peer) => {
      const since = peer.queue.stats.pendingSince;
      return [{ peer: peer.address.url }, since === null ? 0 : Math.max(0, now() - since) / 1000];
    }),
  );
  counterOf(registry, 'artemis_replication_items_total', 'Replicated writes by result: sent, coalesced (replaced by a newer write), retried, overflowed (left to anti-entropy).', ['peer', 'result'], () =>
    peers().flatMap((peer) => {
      const stats = peer.queue.stats;
      const url = peer.address.url;
      return [
        [{ peer: url, result: 'sent' }, stats.sent],
        [{ peer: url, result: 'coalesced' }, stats.coalesced],
        [{ peer: url, result: 'retried' }, stats.retried],
        [{ peer: url, result: 'overflowed' }, stats.overflowed],
      ] as const;
    }),
  );
  counterOf(registry, 'artemis_replication_renewals_unknown_total', 'Renewals replicated by key that the peer answered unknown (it lacked the instance in that version).', ['peer'], () =>
    peers().map((peer) => [{ peer: peer.address.url }, peer.renewalsUnknown]),
  );
  counterOf(registry, 'artemis_replication_resent_whole_total', 'Instances sent whole to the peer because it answered their renewal unknown.', ['peer'], () =>
    peers().map((peer) => [{ peer: peer.address.url }, peer.resentWhole]),
  );
  counterOf(registry, 'artemis_antientropy_repairs_total', 'Hash buckets repaired by anti-entropy with the peer.', ['peer'], () =>
    peers().map((peer) => [{ peer: peer.address.url }, peer.repairedBuckets]),
  );
}
