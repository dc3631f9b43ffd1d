import { ChangeType, instanceIdentity, instanceKeyOf, type Instance, type InstanceChange, type RouteRule, type Service } from '@artemis/core';
import { ClientClosedError, ClientTimeoutError, InvalidArgumentError } from '../errors.js';
import { TypedEmitter, type Listener } from '../internal/typed-emitter.js';
import { OutlierEjector, type OutlierEjectionOptions } from '../lb/outlier-ejection.js';
import { isServable, RulePicker, type PickOptions } from '../lb/picker.js';
import { resolveRouteRules, servedRule, type ResolvedRule } from './route-rules.js';

/** Options of one service view (`client.service(id, options)`). */
export interface ServiceViewOptions {
  /**
   * What to do when a read returns no instances while the cache has some: `confirm` (default)
   * keeps the last good list and reads again after `emptyConfirmMs`, accepting the empty list
   * only if that read is empty too; `off` accepts it at once. Explicit `delete` pushes always
   * apply, so a genuine scale-to-zero is seen.
   */
  readonly emptyProtection?: 'confirm' | 'off';
  /** Wait before the confirming read, ms; default 6000 (more than one default heartbeat interval). */
  readonly emptyConfirmMs?: number;
  /** Passive outlier ejection fed by `report()`; off unless given. */
  readonly outlierEjection?: OutlierEjectionOptions;
}

/** A change of a service's cached instances, as `change` listeners receive it. */
export interface ServiceChangeEvent {
  readonly type: 'new' | 'change' | 'delete' | 'reload';
  /** The servable instances after the change. */
  readonly instances: readonly Instance[];
  /** A local counter, +1 per change. */
  readonly version: number;
}

/** Events of a {@link ServiceView}. */
export interface ServiceViewEvents {
  [event: string]: unknown;
  change: ServiceChangeEvent;
}

/** Where the view's data came from last. */
export type ServiceSource = 'none' | 'server' | 'snapshot';

/** What the view asks of the discovery that feeds it. */
export interface ServiceFeed {
  /** Reads the service again soon (a confirming read). */
  requestRead(serviceKey: string, delayMs: number): void;
  /** True while a push subscription keeps the view current. */
  isLive(): boolean;
  /** The view has changed (for the disk snapshot). */
  changed(view: ServiceView): void;
  readonly deployment: { readonly regionId: string; readonly zoneId: string };
}

/**
 * A live view of one service: the cache discovery keeps fresh, the route rules resolved against
 * it, and `pick`. Network failures never empty it; listeners that throw do not stop others.
 */
export class ServiceView {
  /** The id as asked for. */
  readonly serviceId: string;
  private readonly emitter: TypedEmitter<ServiceViewEvents>;
  private readonly members = new Map<string, Instance>();
  private rules: readonly RouteRule[] = [];
  private resolved: ResolvedRule[] | null = null;
  private pickers = new Map<string, RulePicker>();
  private servable: Instance[] | null = null;
  private readonly waiters = new Set<{ done: () => void; fail: (error: Error) => void }>();
  private readonly ejector: OutlierEjector | null;
  private readonly emptyProtection: 'confirm' | 'off';
  private readonly emptyConfirmMs: number;
  private emptySince: number | null = null;
  private syncedAt: number | null = null;
  private counter = 0;
  private origin: ServiceSource = 'none';

  constructor(
    serviceId: string,
    options: ServiceViewOptions,
    private readonly feed: ServiceFeed,
    onListenerError: (error: unknown) => void,
  ) {
    this.serviceId = serviceId;
    this.emitter = new TypedEmitter((_, error) => onListenerError(error));
    if (options.emptyProtection !== undefined && options.emptyProtection !== 'confirm' && options.emptyProtection !== 'off') {
      throw new InvalidArgumentError('emptyProtection', "must be 'confirm' or 'off'");
    }
    this.emptyProtection = options.emptyProtection ?? 'confirm';
    this.emptyConfirmMs = options.emptyConfirmMs ?? 6000;
    if (!Number.isInteger(this.emptyConfirmMs) || this.emptyConfirmMs < 0) throw new InvalidArgumentError('emptyConfirmMs', 'must be a non-negative integer');
    const ejection = options.outlierEjection;
    if (ejection !== undefined) {
      for (const [field, value] of Object.entries(ejection)) {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InvalidArgumentError(`outlierEjection.${field}`, 'must be a non-negative number');
      }
    }
    this.ejector = ejection === undefined ? null : new OutlierEjector(ejection);
  }

  /** Adds a listener of `change`; returns a function that removes it. */
  on(event: 'change', listener: Listener<ServiceChangeEvent>): () => void {
    return this.emitter.on(event, listener);
  }

  /** Removes a listener. */
  off(event: 'change', listener: Listener<ServiceChangeEvent>): void {
    this.emitter.off(event, listener);
  }

  /** Resolves once a first answer (or a disk snapshot) is in the cache; rejects with {@link ClientTimeoutError} after `timeoutMs` (default 10000). */
  ready(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.origin !== 'none') return Promise.resolve();
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const waiter = {
        done: (): void => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
        fail: (error: Error): void => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new ClientTimeoutError(`service ${this.serviceId}: no answer from any Artemis node within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** True once the cache holds a first answer. */
  get isReady(): boolean {
    return this.origin !== 'none';
  }

  /** Where the data came from: a node, or the disk snapshot (every node down at start). */
  get source(): ServiceSource {
    return this.origin;
  }

  /** Milliseconds since the cache was last confirmed by a node; 0 while push keeps it live; Infinity before any answer. */
  get ageMs(): number {
    if (this.syncedAt === null) return Infinity;
    if (this.feed.isLive() && this.origin === 'server') return 0;
    return Math.max(0, performance.now() - this.syncedAt);
  }

  /** The servable instances (status `up` or none), as served after the node's filters. */
  instances(): readonly Instance[] {
    this.servable ??= [...this.members.values()].filter(isServable);
    return this.servable;
  }

  /** Every cached instance, whatever its status. */
  allInstances(): readonly Instance[] {
    return [...this.members.values()];
  }

  /** The route rules resolved against the current instances (a `default-route-rule` is always there). */
  routeRules(): readonly ResolvedRule[] {
    this.resolved ??= resolveRouteRules(this.rules, [...this.members.values()]);
    return this.resolved;
  }

  /** One instance by the served route rule (see the README); undefined when none is servable. */
  pick(options: PickOptions = {}): Instance | undefined {
    const key = options.routeId ?? '';
    let picker = this.pickers.get(key);
    if (picker === undefined) {
      picker = new RulePicker(servedRule(this.routeRules(), options.routeId), [...this.members.values()], this.feed.deployment);
      this.pickers.set(key, picker);
    }
    return picker.pick(options, this.ejector);
  }

  /** Reports the outcome of a call to `instance`, for outlier ejection. */
  report(instance: Instance, outcome: { ok: boolean; latencyMs?: number }): void {
    if (this.ejector === null) return;
    this.ejector.report(String(instance.instanceId).toLowerCase(), outcome.ok, this.instances().length);
  }

  /** True while `instance` is ejected by outlier ejection. */
  isEjected(instance: Instance): boolean {
    return this.ejector?.isEjected(String(instance.instanceId).toLowerCase()) ?? false;
  }

  /** @internal Replaces the whole service (a read or a snapshot). Empty answers go through the protection. */
  applyService(service: Service, source: 'server' | 'snapshot'): void {
    const instances = service.instances ?? [];
    if (source === 'snapshot' && this.origin !== 'none') return;
    if (source === 'server') this.syncedAt = performance.now();
    if (source === 'server' && instances.length === 0 && this.members.size > 0 && this.emptyProtection === 'confirm') {
      const now = performance.now();
      if (this.emptySince === null) {
        this.emptySince = now;
        this.feed.requestRead(this.serviceId.toLowerCase(), this.emptyConfirmMs);
        return;
      }
      if (now - this.emptySince < this.emptyConfirmMs) return;
    }
    this.emptySince = null;
    this.members.clear();
    for (const instance of instances) this.members.set(instanceIdentity(instanceKeyOf(instance)), instance);
    this.rules = service.routeRules ?? [];
    this.origin = this.origin === 'server' ? 'server' : source;
    if (source === 'server') this.origin = 'server';
    this.changedTo('reload');
  }

  /** @internal Applies one pushed or polled change; idempotent. */
  applyChange(change: InstanceChange): void {
    const identity = instanceIdentity(instanceKeyOf(change.instance));
    this.syncedAt = performance.now();
    if (change.changeType === ChangeType.delete) {
      if (!this.members.delete(identity)) return;
      this.changedTo('delete');
      return;
    }
    if (change.changeType === ChangeType.new || change.changeType === ChangeType.change) {
      this.emptySince = null;
      this.members.set(identity, change.instance);
      this.changedTo(change.changeType);
    }
  }

  /** @internal Marks the cache confirmed by a node without a change. */
  touch(): void {
    this.syncedAt = performance.now();
  }

  /** @internal Drops listeners; pending `ready()` calls reject with ClientClosedError. */
  dispose(): void {
    this.emitter.removeAll();
    for (const waiter of [...this.waiters]) waiter.fail(new ClientClosedError());
  }

  /** @internal The cached service, for the disk snapshot. */
  snapshot(): Service {
    return { serviceId: this.serviceId, instances: [...this.members.values()], logicInstances: null, metadata: null, routeRules: this.rules };
  }

  private changedTo(type: ServiceChangeEvent['type']): void {
    this.resolved = null;
    this.servable = null;
    this.pickers = new Map();
    if (this.ejector !== null) this.ejector.retain(new Set([...this.members.values()].map((instance) => String(instance.instanceId).toLowerCase())));
    this.counter += 1;
    for (const waiter of [...this.waiters]) waiter.done();
    this.feed.changed(this);
    this.emitter.emit('change', { type, instances: this.instances(), version: this.counter });
  }
}
