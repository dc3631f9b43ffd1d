import type { Instance } from '@artemis/core';

/**
 * The lease of one registered instance: the instance as last registered and the times that
 * decide its expiry. A re-register replaces the lease (docs/architecture.md).
 */
export class Lease {
  /**
   * Last renewal; a lease expires when `now > renewalTime + ttlMs`. Declared with a number, not
   * left undefined until the constructor sets it: a field that first held `undefined` is a
   * generic field to V8, and every renewal then stored a new heap number in it, which the
   * long-lived lease kept until the next renewal; promoted to the old generation at 100,000
   * renewals/s, those boxes brought a full GC every few seconds (docs/benchmarks.md). A field
   * that holds only numbers is updated in place.
   */
  renewalTime = Number.NaN;
  /** When the lease was evicted (unregistered or expired and removed); 0 while alive. */
  evictionTime = 0;
  /** The expiry-wheel slot that holds this lease; -1 when none. */
  wheelSlot = -1;
  /** Cluster: URL of the node whose clients renew this lease; '' when it is this node (docs/scale.md). */
  owner = '';
  /** Cluster: version of the last write to this instance, ordering writes across nodes. */
  version = 0;
  /** Cluster: when a client renewal of this lease last went to the peers (they are sent at most every few seconds). */
  replicatedAt = Number.NEGATIVE_INFINITY;
  /** The self-preservation bucket this lease's latest renewal was counted in; -1 never. */
  renewalBucket = -1;

  constructor(
    /** The instance as registered; never mutated. */
    readonly instance: Instance,
    /** Lowercased serviceId. */
    readonly serviceKey: string,
    /** Lowercased instanceId. */
    readonly instanceKey: string,
    readonly creationTime: number,
    readonly ttlMs: number,
    /** Held by the legacy lease manager (metadata `java_registry`), listed by `legacy-leases.json`. */
    readonly legacy: boolean,
  ) {
    this.renewalTime = creationTime;
  }

  /** When the lease expires unless renewed. */
  get expiresAt(): number {
    return this.renewalTime + this.ttlMs;
  }

  /** True once the lease has passed its TTL or was evicted. */
  isExpired(now: number): boolean {
    return this.evictionTime > 0 || now > this.renewalTime + this.ttlMs;
  }
}
