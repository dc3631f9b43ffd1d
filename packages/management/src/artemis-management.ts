import { randomUUID } from 'node:crypto';
import { ArtemisError, ErrorCode } from '@artemis/core';
import { RateLimiter, silentLogger, type ArtemisEngine, type Logger, type RateLimiterOptions } from '@artemis/server';
import type { ManagementDatabase } from './database/management-database.js';
import { migrateToLatest } from './database/migrations/migrate.js';
import { GroupDiscoveryFilter } from './filters/group-discovery-filter.js';
import { ManagementDiscoveryFilter } from './filters/management-discovery-filter.js';
import { CanaryService } from './services/canary.service.js';
import { GroupInstanceService } from './services/group-instance.service.js';
import { GroupService } from './services/group.service.js';
import { InstanceOperationService } from './services/instance-operation.service.js';
import { ManagementLogService } from './services/management-log.service.js';
import { ManagementStore } from './services/management-store.js';
import { ManagementViewService } from './services/management-view.service.js';
import { RouteRuleService } from './services/route-rule.service.js';
import { ServiceInstanceService } from './services/service-instance.service.js';
import { ZoneService } from './services/zone.service.js';
import type { ManagementSnapshot } from './snapshot/management-snapshot.js';
import { SnapshotRefresher, type SnapshotListener } from './snapshot/snapshot-refresher.js';

/** How management runs beside an engine. */
export interface ArtemisManagementOptions {
  readonly engine: ArtemisEngine;
  /** The opened database; the caller closes it after {@link ArtemisManagement.stop}. */
  readonly database: ManagementDatabase;
  readonly logger?: Logger;
  /** @deprecated The old name of {@link checkIntervalMs}, used when that is absent. */
  readonly reloadIntervalMs?: number;
  /**
   * How often the database's health is probed and the change journal read (default 1000 ms);
   * LISTEN/NOTIFY wakes nodes at once, this catches notifications lost while a node was cut off.
   */
  readonly checkIntervalMs?: number;
  /** How long a health probe may take before the database counts as down (default 1000 ms). */
  readonly checkTimeoutMs?: number;
  /** Names this node in its notifications (default: a random id). */
  readonly nodeId?: string;
  /** The NOTIFY channel (default `artemis_management`). */
  readonly channel?: string;
  /** Limits of the rate-limited group queries (Java: 30 per 10 s per id). */
  readonly queryRateLimit?: Partial<RateLimiterOptions>;
}

/** The default NOTIFY channel. */
export const MANAGEMENT_CHANNEL = 'artemis_management';

/**
 * Management for one node: migrates the schema, loads the snapshot, plugs the group and
 * pull-out filters into the engine's discovery chain and hides pulled-out instances from its
 * change publication, then keeps the snapshot fresh. The services answer every management
 * endpoint (docs/java-reference.md §3.6-§3.10).
 *
 * @example
 * ```ts
 * import { ArtemisManagement, openManagementDatabase } from '@artemis/management';
 * const database = await openManagementDatabase({ dataDir: './data/management', logger });
 * const management = await ArtemisManagement.start({ engine, database });
 * await management.instances.operateInstance({ instanceKey: { regionId: 'default', serviceId: 'orders', instanceId: 'o-1' }, operation: 'pullout', operationComplete: false, operatorId: 'ops', token: null });
 * await management.stop();
 * await database.close();
 * ```
 */
export class ArtemisManagement {
  readonly instances: InstanceOperationService;
  readonly view: ManagementViewService;
  readonly routeRules: RouteRuleService;
  readonly groups: GroupService;
  readonly groupInstances: GroupInstanceService;
  readonly serviceInstances: ServiceInstanceService;
  readonly zones: ZoneService;
  readonly canary: CanaryService;
  readonly logs: ManagementLogService;
  private readonly refresher: SnapshotRefresher;
  private readonly groupFilter: GroupDiscoveryFilter;
  private readonly pullOutFilter: ManagementDiscoveryFilter;

  private constructor(private readonly options: ArtemisManagementOptions) {
    const logger = options.logger ?? silentLogger;
    const channel = options.channel ?? MANAGEMENT_CHANNEL;
    const nodeId = options.nodeId ?? randomUUID();
    this.refresher = new SnapshotRefresher({
      database: options.database,
      engine: options.engine,
      logger,
      channel,
      nodeId,
      checkIntervalMs: options.checkIntervalMs ?? options.reloadIntervalMs ?? 1_000,
      checkTimeoutMs: options.checkTimeoutMs ?? 1_000,
    });
    const store = new ManagementStore({ database: options.database, engine: options.engine, refresher: this.refresher, logger, channel, nodeId });
    const limiter = new RateLimiter(options.engine.clock, { enabled: true, defaultLimit: 30, limits: {}, windowMs: 10_000, ...options.queryRateLimit });
    this.groupFilter = new GroupDiscoveryFilter(() => this.refresher.snapshot);
    this.pullOutFilter = new ManagementDiscoveryFilter(() => this.refresher.snapshot, logger);
    this.instances = new InstanceOperationService(store);
    this.view = new ManagementViewService(store, this.groupFilter);
    this.routeRules = new RouteRuleService(store, limiter);
    this.groups = new GroupService(store, limiter);
    this.groupInstances = new GroupInstanceService(store);
    this.serviceInstances = new ServiceInstanceService(store);
    this.zones = new ZoneService(store);
    this.canary = new CanaryService(store);
    this.logs = new ManagementLogService(store);
  }

  /**
   * Migrates, loads the first snapshot and plugs management into the engine. Fails with
   * `service-unavailable` when the database cannot be reached: a node must not serve
   * discovery without its pull-outs.
   */
  static async start(options: ArtemisManagementOptions): Promise<ArtemisManagement> {
    const management = new ArtemisManagement(options);
    try {
      await migrateToLatest(options.database.db);
      await management.refresher.start();
    } catch (error) {
      await management.refresher.stop();
      throw new ArtemisError(ErrorCode.serviceUnavailable, `management database unavailable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const { engine } = options;
    engine.discovery.filters.add(management.groupFilter);
    engine.discovery.filters.add(management.pullOutFilter);
    engine.store.setHidden((instance) => management.refresher.snapshot.isInstanceDown(instance));
    return management;
  }

  /** The management data discovery uses now. */
  get snapshot(): ManagementSnapshot {
    return this.refresher.snapshot;
  }

  /** The change journal position the snapshot reflects (grows with every write any node makes). */
  get position(): number {
    return this.refresher.position;
  }

  /**
   * Calls `listener` whenever the snapshot moves to a new journal position: a management write
   * of this node or of any node sharing the database. Returns the way to stop listening.
   */
  onSnapshotChange(listener: SnapshotListener): () => void {
    return this.refresher.onChange(listener);
  }

  /** True while the database answers (for `/health/ready`). */
  databaseUp(): boolean {
    return this.refresher.healthy;
  }

  /** Brings the snapshot up to the change journal's end now; true when the database answered. */
  refresh(): Promise<boolean> {
    return this.refresher.refresh();
  }

  /** Unplugs from the engine and stops reloading. The database stays open. */
  async stop(): Promise<void> {
    const { engine } = this.options;
    engine.discovery.filters.remove(this.groupFilter);
    engine.discovery.filters.remove(this.pullOutFilter);
    engine.store.setHidden(null);
    await this.refresher.stop();
  }
}
