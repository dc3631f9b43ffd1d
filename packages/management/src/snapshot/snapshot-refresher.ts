import type { ArtemisEngine, Cancel, Logger } from '@artemis/server';
import type { ManagementDatabase, Unlisten } from '../database/management-database.js';
import { ManagementSnapshot } from './management-snapshot.js';
import { snapshotChanges } from './snapshot-changes.js';
import { loadSnapshotRows } from './snapshot-rows.js';

/** How a node keeps its snapshot fresh. */
export interface SnapshotRefresherOptions {
  readonly database: ManagementDatabase;
  readonly engine: ArtemisEngine;
  readonly logger: Logger;
  /** The NOTIFY channel every write announces itself on. */
  readonly channel: string;
  /** This node's id, carried in its own notifications so that it skips them. */
  readonly nodeId: string;
  /** The fallback reload period (default 5000 ms), for notifications lost while a node was cut off. */
  readonly reloadIntervalMs: number;
  /** How often the database's health is probed (default 1000 ms). */
  readonly checkIntervalMs: number;
  /** How long a probe may take before the database counts as down (default 1000 ms). */
  readonly checkTimeoutMs: number;
}

/**
 * Keeps the node's {@link ManagementSnapshot} in step with the database: woken by LISTEN/NOTIFY
 * (another node's write), by this node's own writes, and by a periodic reload as a fallback.
 * Loads never overlap; requests made during a load are served by one more load after it. Each
 * swap invalidates discovery's cached services and pushes `delete` / `new` / `reload` changes
 * through the engine's change bus. While the database is down the last snapshot stays in force.
 */
export class SnapshotRefresher {
  private currentSnapshot = new ManagementSnapshot();
  private databaseUp = false;
  private requested = 0;
  private completedThrough = 0;
  private loading: Promise<boolean> | null = null;
  private timer: Cancel | null = null;
  private checkTimer: Cancel | null = null;
  private unlisten: Unlisten | null = null;
  private stopped = false;
  private loaded = false;

  constructor(private readonly options: SnapshotRefresherOptions) {}

  /** The snapshot in force. */
  get snapshot(): ManagementSnapshot {
    return this.currentSnapshot;
  }

  /** True when the last load succeeded and nothing has failed since. */
  get healthy(): boolean {
    return this.databaseUp;
  }

  /** Loads the first snapshot (failing when the database cannot be read), then listens and schedules reloads. */
  async start(): Promise<void> {
    const ok = await this.refresh();
    if (!ok) throw new Error('could not load management data from the database');
    this.unlisten = await this.options.database.listen(this.options.channel, {
      onNotify: (payload) => {
        if (this.originOf(payload) !== this.options.nodeId) void this.refresh();
      },
      onConnection: (connected) => {
        if (connected) void this.refresh();
        else this.databaseUp = false;
      },
    });
    // The embedded server is this node's alone: every write comes through here and reloads at
    // once, so there are no notifications to miss and nothing for a fallback poll to find.
    if (this.options.database.kind === 'postgres') {
      this.timer = this.options.engine.scheduler.every(this.options.reloadIntervalMs, () => void this.refresh());
    }
    this.checkTimer = this.options.engine.scheduler.every(this.options.checkIntervalMs, () => void this.check());
  }

  /**
   * Probes the database with its own short time limit: a server that stopped answering is
   * reported down within one interval plus the limit, not when some query finally times out;
   * once it answers again, a reload marks it up.
   */
  private async check(): Promise<void> {
    try {
      await this.options.database.probe(this.options.checkTimeoutMs);
    } catch (error) {
      if (this.databaseUp) {
        this.options.logger.warn('management database did not answer its health check; discovery keeps the last snapshot', { event: 'management-database-down', error: String(error) });
      }
      this.databaseUp = false;
      return;
    }
    if (!this.databaseUp && !this.stopped) await this.refresh();
  }

  /** Stops listening and reloading; the snapshot stays as it is. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.();
    this.timer = null;
    this.checkTimer?.();
    this.checkTimer = null;
    await this.loading;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
  }

  /** Marks the database down after a failed call elsewhere; the next successful load marks it up. */
  reportUnavailable(): void {
    this.databaseUp = false;
  }

  /**
   * Reloads now: resolves once a load that started after this call has finished (true) or a
   * load failed (false). Concurrent calls share loads.
   */
  async refresh(): Promise<boolean> {
    const ticket = ++this.requested;
    for (;;) {
      if (this.loading === null) {
        if (this.stopped) return false;
        const start = this.requested;
        this.loading = this.loadOnce()
          .then((ok) => {
            if (ok) this.completedThrough = Math.max(this.completedThrough, start);
            return ok;
          })
          .finally(() => (this.loading = null));
      }
      const ok = await this.loading;
      if (this.completedThrough >= ticket) return true;
      if (!ok) return false;
    }
  }

  private originOf(payload: string): string | null {
    try {
      const parsed = JSON.parse(payload) as { origin?: unknown };
      return typeof parsed.origin === 'string' ? parsed.origin : null;
    } catch {
      return null;
    }
  }

  private async loadOnce(): Promise<boolean> {
    let next: ManagementSnapshot;
    try {
      next = new ManagementSnapshot(await loadSnapshotRows(this.options.database.db));
    } catch (error) {
      if (this.databaseUp) this.options.logger.warn('management data reload failed; discovery keeps the last snapshot', { error: String(error) });
      this.databaseUp = false;
      return false;
    }
    if (!this.databaseUp && this.loaded) this.options.logger.info('management database reachable again', { event: 'management-database-up' });
    this.databaseUp = true;
    if (!this.loaded) {
      // The first load replaces nothing clients have seen: no pushes, only the swap.
      this.loaded = true;
      this.currentSnapshot = next;
      this.options.engine.discovery.filters.invalidate();
    } else if (next.fingerprint !== this.currentSnapshot.fingerprint) {
      this.swap(next);
    }
    return true;
  }

  private swap(next: ManagementSnapshot): void {
    const { engine } = this.options;
    const before = this.currentSnapshot;
    const changes = snapshotChanges(before, next, engine);
    this.currentSnapshot = next;
    engine.discovery.filters.invalidate();
    for (const change of changes.instances) engine.store.announce(change.changeType, change.instance);
    for (const serviceKey of changes.reloads) engine.store.reload(engine.store.service(serviceKey)?.serviceId ?? serviceKey);
    this.options.logger.debug('management snapshot replaced', { reloads: changes.reloads.length, instanceChanges: changes.instances.length });
  }
}
