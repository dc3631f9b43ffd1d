import type { Instance } from '../model/instance.js';
import type { ServiceNodeStatus } from '../model/service-node.js';
import type { ResponseStatus } from '../response-status.js';

/** A registry write as one node replicates it to its peers (docs/protocol.md, "Cluster replication"). */
export type ReplicatedOperation = 'register' | 'heartbeat' | 'unregister';

/**
 * One replicated write that carries its instance. `version` orders writes of one instance
 * across the cluster (a hybrid clock: milliseconds x 1000 plus a counter); `owner` is the URL
 * of the node whose clients renew the lease, the only node that expires it.
 */
export interface ReplicatedWrite {
  readonly op: ReplicatedOperation;
  readonly instance: Instance;
  readonly version: number;
  readonly owner: string;
}

/**
 * A client renewal replicated by key only: the bulk of the traffic, so it does not carry the
 * instance the peer already holds. It renews the peer's copy when that copy has this very
 * `version`; the owner is the batch's sender. A peer without that version answers the key in
 * {@link ReplicationBatchResponse.unknown}, and the sender then sends the whole instance.
 */
export interface ReplicatedRenewal {
  readonly op: 'renew';
  readonly serviceId: string;
  readonly instanceId: string;
  readonly version: number;
}

/** One item of a replication batch. */
export type ReplicatedItem = ReplicatedWrite | ReplicatedRenewal;

/** An instance named by its ids, as a renewal names it. */
export interface ReplicatedKey {
  readonly serviceId: string;
  readonly instanceId: string;
}

/** Body of `batch.json`. */
export interface ReplicationBatchRequest {
  /** Advertised URL of the sender. */
  readonly from: string;
  /** Changes at every start of the sender, so that peers notice a restart. */
  readonly incarnation: string;
  readonly items: readonly ReplicatedItem[];
}

/**
 * Answer of `batch.json`: how many items were applied, found older than local data, or
 * refused, and the renewals of instances the receiver does not hold in that version.
 */
export interface ReplicationBatchResponse {
  readonly applied: number;
  readonly stale: number;
  readonly invalid: number;
  /** Renewals (`op: renew`) the receiver could not apply for want of the instance: send it whole. */
  readonly unknown: readonly ReplicatedKey[];
  readonly responseStatus: ResponseStatus;
}

/** A record as anti-entropy and bootstrap move it: a write plus how long ago its lease was renewed. */
export interface ReplicaRecord {
  readonly instance: Instance;
  readonly version: number;
  readonly owner: string;
  readonly renewedAgoMs: number;
}

/** Answer of `digest.json`: one hash per bucket of instance keys. */
export interface ReplicationDigestResponse {
  readonly from: string;
  readonly incarnation: string;
  readonly buckets: readonly number[];
  readonly count: number;
  readonly responseStatus: ResponseStatus;
}

/** Body of `sync.json`: the buckets that differ, and the sender's records in them. */
export interface ReplicationSyncRequest {
  readonly from: string;
  readonly buckets: readonly number[];
  readonly records: readonly ReplicaRecord[];
  /** The sender's highest version when it took the records: a later write is not judged by this snapshot. */
  readonly asOf: number;
}

/** Body of `records.json`: a page of buckets, for bootstrap. */
export interface ReplicationRecordsRequest {
  readonly from: string;
  readonly buckets: readonly number[];
}

/** Answer of `sync.json` and `records.json`: the answering node's records in the buckets asked. */
export interface ReplicationRecordsResponse {
  readonly records: readonly ReplicaRecord[];
  /** The answering node's highest version when it took the records. */
  readonly asOf: number;
  readonly responseStatus: ResponseStatus;
}

/** Answer of `status.json`: what a peer's probe learns. */
export interface ReplicationStatusResponse {
  readonly url: string;
  readonly incarnation: string;
  readonly regionId: string;
  readonly zoneId: string;
  readonly instances: number;
  readonly nodeStatus: ServiceNodeStatus;
  readonly responseStatus: ResponseStatus;
}
