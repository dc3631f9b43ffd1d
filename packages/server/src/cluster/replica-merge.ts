import { isBlank, RegistryOperation, serviceKeyOf, REPLICATION_BUCKETS, type Instance, type ReplicaRecord, type ReplicatedItem, type ReplicatedRenewal } from '@artemis/core';
import type { Clock } from '../runtime/clock.js';
import { checkInstance } from '../registry/instance-checks.js';
import type { Lease } from '../registry/lease.js';
import type { RegistryStore } from '../registry/registry-store.js';
import { bucketOf, fnv1a, recordHashFrom, replicaKey } from './instance-buckets.js';
import type { Tombstones } from './tombstones.js';
import type { VersionClock } from './version-clock.js';

/** What applying one replicated item did; `unknown`: a renewal of an instance not held in its version. */
export type ApplyOutcome = 'applied' | 'stale' | 'invalid' | 'unknown';

/**
 * Applies replicated writes and records to the local store by per-record version: an older
 * write never overwrites a newer one, a removal is remembered so that an older copy never
 * comes back, and nothing applied here is replicated again.
 */
export class ReplicaMerge {
  /** Bucket and hash per lease, recomputed only when its version or owner changes: a digest is then a walk, not a hash of every key. */
  private readonly hashes = new WeakMap<Lease, { version: number; owner: string; bucket: number; hash: number }>();

  constructor(
    private readonly store: RegistryStore,
    private readonly clock: Clock,
    private readonly versions: VersionClock,
    private readonly tombstones: Tombstones,
    private readonly selfUrl: () => string,
    private readonly regionId: string,
  ) {}

  /** The owner as stored: '' for this node, else the peer's URL. */
  private localOwner(owner: string): string {
    return owner === this.selfUrl() ? '' : owner;
  }

  /** The owner as sent: always a URL. */
  wireOwner(lease: Lease): string {
    return lease.owner === '' ? this.selfUrl() : lease.owner;
  }

  private invalid(op: RegistryOperation, instance: Instance): boolean {
    if (checkInstance(op === RegistryOperation.unregister ? RegistryOperation.unregister : RegistryOperation.register, instance) !== null) return true;
    return isBlank(instance.regionId) || instance.regionId.toLowerCase() !== this.regionId.toLowerCase();
  }

  /** Applies one item of a replication batch sent by `from`. */
  applyItem(item: ReplicatedItem, from: string): ApplyOutcome {
    if (item.op === 'renew') return this.applyRenewal(item, from);
    const instance = item.instance;
    if (this.invalid(item.op, instance)) return 'invalid';
    this.versions.observe(item.version);
    const serviceId = instance.serviceId as string;
    const instanceId = instance.instanceId as string;
    const key = replicaKey(serviceKeyOf(serviceId), instanceId.toLowerCase());
    const lease = this.store.lease(serviceId, instanceId);
    if (lease !== undefined && lease.version > item.version) return 'stale';
    if (item.op === 'unregister') {
      this.tombstones.add(key, item.version);
      if (lease !== undefined) this.store.unregister(serviceId, instanceId);
      return 'applied';
    }
    if (lease === undefined || item.op === 'register') {
      if (this.tombstones.covers(key, item.version)) return 'stale';
      this.adopt(instance, item.version, item.owner, 0);
      return 'applied';
    }
    if (lease.version < item.version) {
      // A newer version than the copy here (a change went missing): take the instance it carries.
      this.adopt(instance, item.version, item.owner, 0);
      return 'applied';
    }
    // A heartbeat of a known instance renews it; it does not count as a client renewal
    // (self-preservation watches this node's own clients only).
    lease.renewalTime = Math.max(lease.renewalTime, this.clock.now());
    lease.owner = this.localOwner(item.owner);
    return 'applied';
  }

  /**
   * A renewal by key renews the copy that has exactly its version. Without a copy, or with an
   * older one, it cannot: the key alone cannot register or update an instance, and taking the
   * version without the data would hide the difference from anti-entropy. The sender is told
   * (`unknown`) and sends the instance whole.
   */
  private applyRenewal(item: ReplicatedRenewal, from: string): ApplyOutcome {
    if (isBlank(item.serviceId) || isBlank(item.instanceId)) return 'invalid';
    this.versions.observe(item.version);
    const lease = this.store.lease(item.serviceId, item.instanceId);
    if (lease === undefined) {
      const key = replicaKey(serviceKeyOf(item.serviceId), item.instanceId.toLowerCase());
      return this.tombstones.covers(key, item.version) ? 'stale' : 'unknown';
    }
    if (lease.version > item.version) return 'stale';
    if (lease.version < item.version) return 'unknown';
    lease.renewalTime = Math.max(lease.renewalTime, this.clock.now());
    lease.owner = this.localOwner(from);
    return 'applied';
  }

  /** Merges one record from anti-entropy or bootstrap; true when it changed anything. */
  mergeRecord(record: ReplicaRecord): boolean {
    const instance = record.instance;
    if (this.invalid(RegistryOperation.register, instance)) return false;
    this.versions.observe(record.version);
    const serviceId = instance.serviceId as string;
    const instanceId = instance.instanceId as string;
    const lease = this.store.lease(serviceId, instanceId);
    if (lease !== undefined && lease.version > record.version) return false;
    if (lease !== undefined && lease.version === record.version) {
      const renewed = this.clock.now() - record.renewedAgoMs;
      if (renewed <= lease.renewalTime) return false;
      lease.renewalTime = renewed;
      return true;
    }
    if (this.tombstones.covers(replicaKey(serviceKeyOf(serviceId), instanceId.toLowerCase()), record.version)) return false;
    this.adopt(instance, record.version, record.owner, record.renewedAgoMs);
    return true;
  }

  private adopt(instance: Instance, version: number, owner: string, renewedAgoMs: number): void {
    this.store.register(instance);
    const lease = this.store.lease(instance.serviceId as string, instance.instanceId as string) as Lease;
    lease.version = version;
    lease.owner = this.localOwner(owner);
    if (renewedAgoMs > 0) lease.renewalTime = Math.min(lease.renewalTime, this.clock.now() - renewedAgoMs);
  }

  /**
   * The owner is the authority on its own instances: after merging `owner`'s records of
   * `buckets`, local copies it owns that it no longer has were removed there, and go here too.
   */
  dropOwnedMissing(owner: string, buckets: ReadonlySet<number>, present: ReadonlySet<string>, asOf: number): number {
    const local = this.localOwner(owner);
    if (local === '') return 0;
    const gone: Lease[] = [];
    for (const lease of this.leases()) {
      // A write newer than the owner's snapshot reached us after it was taken: not judged by it.
      if (lease.owner !== local || lease.version > asOf) continue;
      const key = replicaKey(lease.serviceKey, lease.instanceKey);
      if (buckets.has(bucketOf(key)) && !present.has(key)) gone.push(lease);
    }
    for (const lease of gone) {
      this.tombstones.add(replicaKey(lease.serviceKey, lease.instanceKey), lease.version);
      this.store.unregister(lease.instance.serviceId as string, lease.instance.instanceId as string);
    }
    return gone.length;
  }

  /** Every live lease. */
  *leases(): Generator<Lease> {
    for (const record of this.store.records()) yield* record.leases.values();
  }

  private hashOf(lease: Lease): { bucket: number; hash: number } {
    let cached = this.hashes.get(lease);
    if (cached === undefined || cached.version !== lease.version || cached.owner !== lease.owner) {
      // One pass over the key serves both: the bucket is its hash, the record hash continues it.
      const keyHash = fnv1a(replicaKey(lease.serviceKey, lease.instanceKey));
      cached = { version: lease.version, owner: lease.owner, bucket: keyHash % REPLICATION_BUCKETS, hash: recordHashFrom(keyHash, lease.version, this.wireOwner(lease)) };
      this.hashes.set(lease, cached);
    }
    return cached;
  }

  /**
   * One hash per bucket over key, version and owner. It runs synchronously over every lease,
   * on each anti-entropy round of this node and of each peer: plain loops over the store's
   * maps and a typed array, not the `leases()` generator, keep that walk short.
   */
  digest(): number[] {
    const buckets = new Uint32Array(REPLICATION_BUCKETS);
    for (const record of this.store.records()) {
      for (const lease of record.leases.values()) {
        const { bucket, hash } = this.hashOf(lease);
        buckets[bucket] = ((buckets[bucket] as number) + hash) >>> 0;
      }
    }
    return Array.from(buckets);
  }

  /** The local records in `buckets`. */
  records(buckets: ReadonlySet<number>): ReplicaRecord[] {
    const now = this.clock.now();
    const records: ReplicaRecord[] = [];
    for (const lease of this.leases()) {
      if (!buckets.has(this.hashOf(lease).bucket)) continue;
      records.push({ instance: lease.instance, version: lease.version, owner: this.wireOwner(lease), renewedAgoMs: Math.max(0, now - lease.renewalTime) });
    }
    return records;
  }
}
