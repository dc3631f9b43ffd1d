import { NodeState, type PeerReplicationStatus, type ReplicationStatusResponse, type ServiceNodeStatus } from '@artemis/core';
import type { PeerAddress } from './peer-list.js';
import type { PeerQueue } from './peer-queue.js';

/** What a node knows of one peer. */
export interface PeerState {
  readonly address: PeerAddress;
  readonly queue: PeerQueue;
  /** `unknown` until the first probe; `unreachable` when the last probe failed; `rejected` for a peer of another region. */
  state: NodeState | 'unreachable' | 'rejected';
  /** Last successful probe (epoch ms), or null. */
  lastContact: number | null;
  /** The peer's incarnation at the last probe: a change means it restarted. */
  incarnation: string | null;
  /** The last probe's error, if it failed. */
  error: string | null;
  /** The last probe timed out: the peer may be alive and only slow. */
  timedOut: boolean;
  /** The peer's own status at the last probe. */
  reported: ReplicationStatusResponse | null;
  /** Set when anti-entropy should visit this peer first (restart, dirty queue). */
  needsSync: boolean;
  /** Anti-entropy rounds completed with this peer, and the buckets they repaired. */
  syncRounds: number;
  repairedBuckets: number;
  /** Renewals by key the peer answered `unknown`, and the instances then sent to it whole. */
  renewalsUnknown: number;
  resentWhole: number;
}

/** A peer as `cluster.json` lists it: Java's ServiceNodeStatus plus our fields. */
export type PeerNodeStatus = ServiceNodeStatus & {
  readonly lastContactTime: number | null;
  readonly error: string | null;
  readonly replication: PeerReplicationStatus;
};

/** The status of a peer for `cluster.json`: what it reported when reachable, else a down entry. */
export function peerNodeStatus(peer: PeerState, regionId: string, wire?: { readonly requests: number; readonly bytes: number }): PeerNodeStatus {
  const reported = peer.reported?.nodeStatus;
  const reachable = peer.state !== 'unreachable' && peer.state !== 'unknown' && peer.state !== 'rejected';
  const base: ServiceNodeStatus =
    reachable && reported !== undefined
      ? { ...reported, node: { url: peer.address.url, zone: reported.node?.zone ?? { metadata: null, regionId, zoneId: peer.address.zoneId } } }
      : {
          allowDiscoveryFromOtherZone: null,
          allowRegistryFromOtherZone: null,
          canServiceDiscovery: false,
          canServiceRegistry: false,
          node: { url: peer.address.url, zone: { metadata: null, regionId, zoneId: peer.address.zoneId } },
          status: peer.state === 'unreachable' || peer.state === 'rejected' ? NodeState.down : NodeState.unknown,
        };
  const stats = peer.queue.stats;
  return {
    ...base,
    lastContactTime: peer.lastContact,
    error: peer.error,
    replication: {
      queueDepth: stats.depth,
      dirty: stats.dirty,
      sent: stats.sent,
      batches: stats.batches,
      coalesced: stats.coalesced,
      overflowed: stats.overflowed,
      retried: stats.retried,
      requests: wire?.requests ?? null,
      bytes: wire?.bytes ?? null,
      syncRounds: peer.syncRounds,
      repairedBuckets: peer.repairedBuckets,
      renewalsUnknown: peer.renewalsUnknown,
      resentWhole: peer.resentWhole,
    },
  };
}
