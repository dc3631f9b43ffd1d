import { ChangeType, isBlank, reloadInstance, serviceKeyOf, type Instance } from '@artemis/core';
import type { ChangeBus } from '../changes/change-bus.js';
import type { ChangeLog } from '../changes/change-log.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import { ExpiryWheel } from './expiry-wheel.js';
import { sameInstanceData } from './instance-equality.js';
import { Lease } from './lease.js';
import type { SelfPreservation } from './self-preservation.js';

/** How soon a lease kept past its TTL by the cluster's expiry policy is looked at again. */
const KEPT_LEASE_RECHECK_MS = 1_000;

/** Lease settings of the registry. */
export interface LeaseOptions {
  /** Lease TTL: an instance not renewed for this long expires (Java: 20 s). */
  readonly ttlMs: number;
  /** TTL of legacy instances, those with metadata `java_registry` (Java: 90 s). */
  readonly legacyTtlMs: number;
  /** How often the cleaner runs; expired leases disappear within this much of their TTL. */
  readonly cleanIntervalMs: number;
}

/** The registered instances of one service. */
export class ServiceRecord {
  /** Leases by lowercased instanceId. */
  readonly leases = new Map<string, Lease>();
  /** The store's revision at the last change to this service, published or not; caches compare it. */
  revision = 0;

  constructor(
    /** The id as first registered. */
    readonly serviceId: string,
    readonly serviceKey: string,
  ) {}
}

/**
 * How a cluster keeps replica leases (docs/scale.md): `keep` spares an expired lease (its owner
 * is alive and will expire it itself), `expired` hears of every lease removed by expiry.
 */
export interface ExpiryPolicy {
  keep(lease: Lease, now: number): boolean;
  expired(lease: Lease): void;
}

/** What a register did. */
export type RegisterOutcome = typeof ChangeType.new | typeof ChangeType.change | 'unchanged';

/**
 * Instances and their leases, keyed case-insensitively by service and instance. Every change
 * (register new or changed, unregister, expiry) is appended to the change log and published
 * on the change bus, in that order.
 */
export class RegistryStore {
  private readonly services = new Map<string, ServiceRecord>();
  private hidden: ((instance: Instance) => boolean) | null = null;
  private revisionCounter = 0;
  private readonly wheel: ExpiryWheel;
  private leaseCount = 0;
  private expiry: ExpiryPolicy | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly options: LeaseOptions,
    private readonly safety: SelfPreservation,
    private readonly changeLog: ChangeLog,
    private readonly changeBus: ChangeBus,
  ) {
    this.wheel = new ExpiryWheel(options.cleanIntervalMs, clock.now());
  }

  /** Number of live leases. */
  get size(): number {
    return this.leaseCount;
  }

  /** Bumped by every change to any service; unique across services, so caches never confuse two. */
  get revision(): number {
    return this.revisionCounter;
  }

  /** Leases filed in the expiry wheel: never more than the live leases. */
  get scheduledLeases(): number {
    return this.wheel.size;
  }

  /** Number of services with at least one lease. */
  get serviceCount(): number {
    return this.services.size;
  }

  /**
   * Registers (or re-registers) a checked instance: a fresh lease replaces any existing one.
   * Pushes `new` for a new instance, `change` for changed data, nothing for identical data.
   */
  register(instance: Instance): RegisterOutcome {
    const serviceId = instance.serviceId as string;
    const serviceKey = serviceKeyOf(serviceId);
    const instanceKey = (instance.instanceId as string).toLowerCase();
    let record = this.services.get(serviceKey);
    if (record === undefined) {
      record = new ServiceRecord(serviceId, serviceKey);
      this.services.set(serviceKey, record);
    }
    const now = this.clock.now();
    const previous = record.leases.get(instanceKey);
    const legacy = !isBlank(instance.metadata?.['java_registry']);
    const lease = new Lease(instance, serviceKey, instanceKey, now, legacy ? this.options.legacyTtlMs : this.options.ttlMs, legacy);
    record.leases.set(instanceKey, lease);
    this.wheel.schedule(lease, lease.expiresAt);
    if (previous === undefined) {
      this.leaseCount += 1;
      this.emit(record, ChangeType.new, instance, now);
      return ChangeType.new;
    }
    previous.evictionTime = now;
    // The new lease takes over where the old one was counted, so it is not counted twice.
    lease.renewalBucket = previous.renewalBucket;
    // The replaced lease leaves the wheel now, not when it would have come due: a client
    // re-registering fast must not pile replaced instances up there.
    this.wheel.remove(previous);
    if (sameInstanceData(previous.instance, instance)) return 'unchanged';
    this.emit(record, ChangeType.change, instance, now);
    return ChangeType.change;
  }

  /** The time on the store's clock (ms since the epoch). */
  now(): number {
    return this.clock.now();
  }

  /**
   * Renews the lease of an instance; false when it is unknown or expired (re-register). `now`
   * lets a batch read the clock once for all its renewals.
   */
  renew(serviceId: string, instanceId: string, now: number = this.clock.now()): boolean {
    return this.renewIn(this.services.get(serviceKeyOf(serviceId)), instanceId, now) !== undefined;
  }

  /**
   * {@link renew} within a service record found with {@link service}: a heartbeat batch looks
   * a service up once for all its instances in a row. Returns the renewed lease (for the
   * cluster's write observer, which would otherwise look it up again), or undefined.
   */
  renewIn(record: ServiceRecord | undefined, instanceId: string, now: number): Lease | undefined {
    if (record === undefined) return undefined;
    // Keys are lowercased ids, which lowercasing leaves as they are: an id found as given is its
    // own key, and most ids are given in lowercase (no lowercasing to pay for then).
    const lease = record.leases.get(instanceId) ?? record.leases.get(instanceId.toLowerCase());
    if (lease === undefined || lease.isExpired(now)) return undefined;
    this.renewLease(lease, now);
    return lease;
  }

  /** Renews a lease known to be live (not expired, not replaced): a heartbeat plan's. */
  renewLease(lease: Lease, now: number): void {
    lease.renewalTime = now;
    this.safety.recordRenewal(lease, now);
  }

  /** Removes an instance at once and pushes `delete`; unknown instances are ignored. */
  unregister(serviceId: string, instanceId: string): boolean {
    const record = this.services.get(serviceKeyOf(serviceId));
    const lease = record?.leases.get(instanceId.toLowerCase());
    if (record === undefined || lease === undefined) return false;
    this.safety.forget(lease);
    this.remove(record, lease, this.clock.now());
    return true;
  }

  /** The record of a service, if any instance of it is registered. */
  service(serviceId: string): ServiceRecord | undefined {
    // As in renewIn: an id found as given is its own key.
    return this.services.get(serviceId) ?? this.services.get(serviceKeyOf(serviceId));
  }

  /** Every service record, in registration order. */
  records(): IterableIterator<ServiceRecord> {
    return this.services.values();
  }

  /** The live lease of an instance, if any. */
  lease(serviceId: string, instanceId: string): Lease | undefined {
    return this.services.get(serviceKeyOf(serviceId))?.leases.get(instanceId.toLowerCase());
  }

  /**
   * Visits due leases: removes expired ones (only while self-preservation is safe) and files
   * renewed ones under their new expiry. Takes at most `maxLeases` leases; returns how many
   * it removed and whether due leases remain, so a caller can spread a big pass over several
   * turns of the event loop.
   */
  clean(maxLeases = Number.POSITIVE_INFINITY): { removed: number; more: boolean } {
    const now = this.clock.now();
    const due = this.wheel.takeDue(now, maxLeases, (lease) => lease.evictionTime === 0);
    const safe = this.safety.isSafe();
    let removed = 0;
    for (const lease of due) {
      if (!lease.isExpired(now)) {
        this.wheel.schedule(lease, lease.expiresAt);
      } else if (this.expiry?.keep(lease, now) === true) {
        this.wheel.schedule(lease, now + KEPT_LEASE_RECHECK_MS);
      } else if (safe) {
        const record = this.services.get(lease.serviceKey);
        if (record !== undefined && record.leases.get(lease.instanceKey) === lease) {
          this.remove(record, lease, now);
          removed += 1;
          this.expiry?.expired(lease);
        }
      } else {
        // Self-preservation: keep the expired lease (still discoverable) and look again soon.
        this.wheel.schedule(lease, now);
      }
    }
    return { removed, more: due.length >= maxLeases };
  }

  private remove(record: ServiceRecord, lease: Lease, now: number): void {
    lease.evictionTime = now;
    this.wheel.remove(lease);
    record.leases.delete(lease.instanceKey);
    this.leaseCount -= 1;
    this.emit(record, ChangeType.delete, lease.instance, now);
    if (record.leases.size === 0) this.services.delete(record.serviceKey);
  }

  /** Cluster: sets how replica leases expire (docs/scale.md); null expires every lease at its TTL. */
  setExpiryPolicy(policy: ExpiryPolicy | null): void {
    this.expiry = policy;
  }

  /**
   * Sets the test of instances hidden from clients (management pull-outs). A `new` or `change`
   * of a hidden instance is not published (docs/architecture.md); whoever hides or reveals
   * instances publishes `delete` / `new` for them with {@link announce}.
   */
  setHidden(test: ((instance: Instance) => boolean) | null): void {
    this.hidden = test;
  }

  /**
   * Publishes a change of a registered instance without changing the registry: management uses
   * it to push `delete` when it hides an instance and `new` when it reveals it again.
   */
  announce(changeType: typeof ChangeType.new | typeof ChangeType.delete, instance: Instance): void {
    const record = this.services.get(serviceKeyOf(instance.serviceId ?? ''));
    if (record === undefined) return;
    record.revision = ++this.revisionCounter;
    this.changeBus.publish(this.changeLog.append(record.serviceKey, record.serviceId, { changeTime: this.clock.now(), changeType, instance }));
  }

  private emit(record: ServiceRecord, changeType: ChangeType, instance: Instance, now: number): void {
    record.revision = ++this.revisionCounter;
    if (changeType !== ChangeType.delete && this.hidden?.(instance) === true) return;
    const event = this.changeLog.append(record.serviceKey, record.serviceId, { changeTime: now, changeType, instance });
    this.changeBus.publish(event);
  }

  /** Publishes a `reload` of a service: subscribers re-read it whole (management changes). */
  reload(serviceId: string): void {
    const record = this.services.get(serviceKeyOf(serviceId)) ?? new ServiceRecord(serviceId, serviceKeyOf(serviceId));
    record.revision = ++this.revisionCounter;
    this.changeBus.publish(
      this.changeLog.append(record.serviceKey, record.serviceId, {
        changeTime: this.clock.now(),
        changeType: ChangeType.reload,
        instance: reloadInstance(record.serviceId),
      }),
    );
    this.logger.debug('service reload published', { serviceId });
  }
}

