import { ChangeBus } from '../changes/change-bus.js';
import { ChangeLog } from '../changes/change-log.js';
import { ClusterService } from '../cluster/cluster-service.js';
import { ZonePolicy } from '../cluster/zone-policy.js';
import { DiscoveryService } from '../discovery/discovery-service.js';
import { noopEngineObserver, type EngineObserver } from '../observability/engine-observer.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { rateLimiterOptions, type LimiterName } from '../rate-limit/rate-limit-ids.js';
import { RegistryService } from '../registry/registry-service.js';
import { RegistryStore } from '../registry/registry-store.js';
import { SelfPreservation } from '../registry/self-preservation.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { silentLogger, type Logger } from '../runtime/logger.js';
import { systemScheduler, type Cancel, type Scheduler } from '../runtime/scheduler.js';
import { StatusService, type NodeDescription } from '../status/status-service.js';
import { DEFAULT_CHANGE_LOG_CAPACITY, DEFAULT_CHANGE_LOG_MAX_BYTES, defaultLeaseOptions, defaultSelfPreservationOptions, type EngineOptions } from './engine-options.js';

/** How long one slice of lease cleaning may hold the event loop. */
const CLEAN_SLICE_MS = 4;
/** Leases visited between two looks at the slice's clock. */
const CLEAN_BATCH = 256;

/**
 * The registry engine: registry, leases, change log and bus, discovery, cluster view, status
 * and rate limits. It has no HTTP; `@artemis/web` serves it, and any program can embed it.
 *
 * @example
 * ```ts
 * import { ArtemisEngine } from '@artemis/server';
 * import { createInstance } from '@artemis/core';
 * const engine = new ArtemisEngine({ regionId: 'default', zoneId: 'default' });
 * engine.start();
 * engine.registry.execute('register', { instances: [createInstance({ serviceId: 'orders', instanceId: 'o-1', url: 'http://10.0.0.1', regionId: 'default', zoneId: 'default' })] });
 * engine.discovery.getService({ discoveryConfig: { serviceId: 'orders', regionId: 'default', zoneId: 'default', discoveryData: null }, regionId: 'default', zoneId: 'default' });
 * engine.stop();
 * ```
 */
export class ArtemisEngine {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** Every change, in version order: push channels and replication subscribe here. */
  readonly changes: ChangeBus;
  /** The bounded log of changes behind deltas and resumes. */
  readonly changeLog: ChangeLog;
  /** Leases and instances. */
  readonly store: RegistryStore;
  readonly selfPreservation: SelfPreservation;
  /** Register, heartbeat, unregister as the protocol answers them. */
  readonly registry: RegistryService;
  /** Lookup, service, services, services-delta, and the filter chain. */
  readonly discovery: DiscoveryService;
  /** The node's state and the cluster's nodes. */
  readonly cluster: ClusterService;
  /** The status endpoints. */
  readonly status: StatusService;
  /** The limiters by name. */
  readonly rateLimiters: Readonly<Record<LimiterName, RateLimiter>>;
  readonly options: EngineOptions;

  private timers: Cancel[] = [];
  private observer: EngineObserver = noopEngineObserver;
  private cleaning: Cancel | null = null;

  constructor(options: EngineOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.logger = options.logger ?? silentLogger;
    const limiter = (name: LimiterName): RateLimiter => new RateLimiter(this.clock, rateLimiterOptions(name, options.rateLimits?.[name]));
    this.rateLimiters = { registry: limiter('registry'), replication: limiter('replication'), cluster: limiter('cluster'), status: limiter('status') };

    this.changes = new ChangeBus(this.logger);
    this.changeLog = new ChangeLog(options.changeLogCapacity ?? DEFAULT_CHANGE_LOG_CAPACITY, this.clock.now() * 1000, options.changeLogMaxBytes ?? DEFAULT_CHANGE_LOG_MAX_BYTES);
    this.selfPreservation = new SelfPreservation(this.clock, this.logger, { ...defaultSelfPreservationOptions, ...options.selfPreservation });
    this.store = new RegistryStore(this.clock, this.logger, { ...defaultLeaseOptions, ...options.lease }, this.selfPreservation, this.changeLog, this.changes);

    const registryAllowOther = options.registryAllowFromOtherZone ?? true;
    const discoveryAllowOther = options.discoveryAllowFromOtherZone ?? true;
    this.cluster = new ClusterService(
      {
        regionId: options.regionId,
        zoneId: options.zoneId,
        url: options.nodeUrl ?? 'http://127.0.0.1:8080',
        allowRegistryFromOtherZone: registryAllowOther,
        allowDiscoveryFromOtherZone: discoveryAllowOther,
      },
      this.rateLimiters.cluster,
    );
    const zone = { regionId: options.regionId, zoneId: options.zoneId };
    this.registry = new RegistryService(this.store, this.rateLimiters.registry, this.cluster, new ZonePolicy({ ...zone, allowFromOtherZone: registryAllowOther }, 'registry'), options.heartbeatPlanMaxBytes);
    this.discovery = new DiscoveryService(
      this.store,
      this.changeLog,
      this.changes,
      this.cluster,
      new ZonePolicy({ ...zone, allowFromOtherZone: discoveryAllowOther }, 'discovery'),
      this.logger,
      options.servedCacheMaxBytes,
      options.answerCacheMaxBytes,
    );
    this.status = new StatusService(this.store, this.selfPreservation, this.cluster, this.rateLimiters.status, options.describeNode ?? (() => this.defaultDescription()));
  }

  /**
   * Sets the one observer told of registrations, heartbeats, unregistrations and expiries
   * (metrics); `null` stops observing. Combine observers yourself if you need several.
   */
  observe(observer: EngineObserver | null): void {
    this.observer = observer ?? noopEngineObserver;
    this.registry.observer = this.observer;
  }

  /** Starts the lease cleaner and the self-preservation check. */
  start(): void {
    if (this.timers.length > 0) return;
    this.timers.push(
      this.scheduler.every(this.store.options.cleanIntervalMs, () => this.cleanLeases()),
      this.scheduler.every(1000, () => this.selfPreservation.check()),
    );
  }

  /** Stops every timer; the registry keeps its data. */
  stop(): void {
    for (const cancel of this.timers) cancel();
    this.timers = [];
    this.cleaning?.();
    this.cleaning = null;
  }

  /**
   * Removes expired leases now, in slices of a few milliseconds so that a mass expiry never
   * stalls the event loop; a pass still running when the next is due is left to finish.
   */
  cleanLeases(): void {
    if (this.cleaning !== null) return;
    let removed = 0;
    let slices = 0;
    const passStarted = performance.now();
    const slice = (): void => {
      const started = performance.now();
      slices += 1;
      let more = true;
      while (more && performance.now() - started < CLEAN_SLICE_MS) {
        const pass = this.store.clean(CLEAN_BATCH);
        removed += pass.removed;
        more = pass.more;
      }
      if (more) {
        this.cleaning = this.scheduler.defer(slice);
        return;
      }
      this.cleaning = null;
      if (removed > 0) this.observer.leasesExpired(removed);
      // The pass's wall time and slices let operators (and the benchmark) see what a mass expiry costs.
      if (removed > 0) {
        const passMs = Math.round((performance.now() - passStarted) * 1000) / 1000;
        this.logger.info(`${removed} leases were cleaned.`, { event: 'leases-cleaned', count: removed, passMs, slices });
      }
    };
    this.cleaning = () => undefined;
    slice();
  }

  private defaultDescription(): NodeDescription {
    const url = new URL(this.cluster.localNode().url);
    return {
      appId: 'artemis',
      ip: url.hostname,
      machineName: url.hostname,
      path: '',
      port: Number(url.port || 80),
      protocol: url.protocol.replace(':', ''),
      regionId: this.options.regionId,
      zoneId: this.options.zoneId,
      properties: {},
      sources: {},
    };
  }
}
