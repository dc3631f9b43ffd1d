import type { ServiceNode, ServiceNodeStatus } from '../model/service-node.js';
import type { ResponseStatus } from '../response-status.js';

/** Body of `up-registry-nodes.json` / `up-discovery-nodes.json`. */
export interface GetServiceNodesRequest {
  readonly regionId: string | null;
  readonly zoneId: string | null;
}

/** The nodes a client may use; `nodes` is null when none qualifies (`data-not-found`). */
export interface GetServiceNodesResponse {
  readonly nodes: readonly ServiceNode[] | null;
  readonly responseStatus: ResponseStatus;
}

/** Answer of `/api/status/node.json`. */
export interface GetNodeStatusResponse {
  readonly nodeStatus: ServiceNodeStatus;
  readonly responseStatus: ResponseStatus;
}

/** Answer of `/api/status/cluster.json`. `nodeCount` counts the answering node itself. */
export interface GetClusterStatusResponse {
  readonly nodeCount: number;
  readonly nodesStatus: readonly ClusterNodeStatus[] | null;
  readonly responseStatus: ResponseStatus;
}

/** How a node replicates registry writes to one peer (docs/scale.md); only on peers' entries. */
export interface PeerReplicationStatus {
  /** Writes waiting to be sent to the peer. */
  readonly queueDepth: number;
  /** True when writes were dropped or failed and anti-entropy must repair the peer. */
  readonly dirty: boolean;
  /** Items delivered, in `batches` requests. */
  readonly sent: number;
  readonly batches: number;
  readonly coalesced: number;
  readonly overflowed: number;
  readonly retried: number;
  /** Every call to the peer (probes and anti-entropy included); null when not counted. */
  readonly requests: number | null;
  readonly bytes: number | null;
  /** Anti-entropy rounds completed with the peer, and the buckets they repaired. */
  readonly syncRounds: number;
  readonly repairedBuckets: number;
  /**
   * Renewals (sent by key) the peer answered `unknown`: it did not hold the instance in the
   * version renewed (it restarted, or missed a change). Steadily growing means the peer keeps
   * losing instances.
   */
  readonly renewalsUnknown: number;
  /** Instances sent whole to the peer because it answered their renewal `unknown`. */
  readonly resentWhole: number;
}

/**
 * A node as `cluster.json` lists it: Java's ServiceNodeStatus, and for each peer (not the
 * answering node itself) when it was last reached, the last probe's error and replication.
 */
export type ClusterNodeStatus = ServiceNodeStatus & {
  /** Last successful probe (epoch ms), or null when never reached. */
  readonly lastContactTime?: number | null | undefined;
  /** The last probe's error, when it failed. */
  readonly error?: string | null | undefined;
  readonly replication?: PeerReplicationStatus | undefined;
};

/** Answer of `/api/status/push.json`: the node's push channel counters (no responseStatus). */
export interface PushStatsResponse {
  /** Open sessions per channel. */
  readonly sessions: Readonly<Record<PushChannelName, number>>;
  /** Messages pushed to sessions (one per session per change). */
  readonly pushes: number;
  readonly closedSlow: number;
  readonly closedExpired: number;
  readonly refusedHandshakes: number;
  readonly blockedRequests: number;
  readonly refusedSessions: number;
  /** Subscriptions held by every session together. */
  readonly subscriptions: number;
  readonly delivered: Readonly<Record<PushChannelName, number>>;
  readonly slow: Readonly<Record<PushChannelName, number>>;
}

/** The push channels of a node (docs/protocol.md). */
export type PushChannelName = 'heartbeat' | 'instanceChange' | 'allInstanceChange' | 'socketIo';
