import { ChangeType, serviceKeyOf, type Instance } from '@artemis/core';
import type { ArtemisEngine, Cancel, Logger } from '@artemis/server';
import type { ManagementDatabase, Unlisten } from '../database/management-database.js';
import { readJournal, type JournalEntry } from '../repositories/change-journal.repository.js';
import { ManagementSnapshot, serverIdentity } from './management-snapshot.js';
import { isSnapshotTable, rowFromJson, type RowChange } from './row-change.js';
import { snapshotChanges } from './snapshot-changes.js';
import { loadSnapshotRows } from './snapshot-rows.js';

/** How a node keeps its snapshot fresh. */
export interface SnapshotRefresherOptions {
  readonly database: ManagementDatabase;
  readonly engine: ArtemisEngine;
  readonly logger: Logger;
  /** The NOTIFY channel every write announces itself on. */
  readonly channel: string;
  /** This node's id, carried in its own notifications. */
  readonly nodeId: string;
  /** How often the database's health is probed and the journal read, in case a notification was lost (default 1000 ms). */
  readonly checkIntervalMs: number;
  /** How long a probe may take before the database counts as down (default 1000 ms). */
  readonly checkTimeoutMs: number;
}

/** What changed in the snapshot: its new journal position and the tables the rows came from. */
export interface SnapshotChange {
  readonly position: number;
  /** The journalled tables whose rows changed, sorted; empty after a full reload (anything may have). */
  readonly tables: readonly string[];
}

/** Told after each sync that moved the snapshot (this node's writes and other nodes' alike). */
export type SnapshotListener = (change: SnapshotChange) => void;

/** Journal rows read per query while catching up. */
const JOURNAL_PAGE = 5_000;

function rowChange(entry: JournalEntry): RowChange | null {
  if (!isSnapshotTable(entry.table) || entry.op === 'truncate') return null;
  return { table: entry.table, before: rowFromJson(entry.oldRow), after: rowFromJson(entry.newRow) } as RowChange;
}

/**
 * Keeps the node's {@link ManagementSnapshot} in step with the database. Every write of any
 * node is recorded in the change journal (`artemis_change`, in commit order); this node applies
 * the journal rows after the last one it applied to its snapshot, row by row, when woken by
 * LISTEN/NOTIFY (another node's write, with the journal position in its payload), by its own
 * writes, and by the periodic check (which also probes the database's health). A full reload
 * is the fallback only: at start, after a TRUNCATE, or when the journal was pruned past this
 * node's position. Syncs never overlap; requests made during one are served by one more after
 * it. Each change invalidates discovery's cached services and pushes `delete` / `new` /
 * `reload` through the engine's change bus. While the database is down the last snapshot
 * stays in force.
 */
export class SnapshotRefresher {
  private current = new ManagementSnapshot();
  private seq = 0;
  private needsFullLoad = true;
  private databaseUp = false;
  private requested = 0;
  private completedThrough = 0;
  private loading: Promise<boolean> | null = null;
  private checkTimer: Cancel | null = null;
  private unlisten: Unlisten | null = null;
  private stopped = false;
  private loaded = false;
  /** A "down" was logged: the next successful sync logs that the database is back. */
  private announcedDown = false;
  private readonly listeners = new Set<SnapshotListener>();
  /** Tables touched by the sync under way; null when it reloaded whole. */
  private touched: Set<string> | null = new Set();

  constructor(private readonly options: SnapshotRefresherOptions) {}

  /** The snapshot in force. */
  get snapshot(): ManagementSnapshot {
    return this.current;
  }

  /** The journal position the snapshot reflects. */
  get position(): number {
    return this.seq;
  }

  /** Calls `listener` after every sync that changed the snapshot; returns the way to stop. */
  onChange(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** True when the last sync and probe succeeded and nothing has failed since. */
  get healthy(): boolean {
    return this.databaseUp;
  }

  /** Loads the first snapshot (failing when the database cannot be read), then listens and checks. */
  async start(): Promise<void> {
    const ok = await this.refresh();
    if (!ok) throw new Error('could not load management data from the database');
    this.unlisten = await this.options.database.listen(this.options.channel, {
      onNotify: (payload) => {
        const seq = this.seqOf(payload);
        if (seq === null || seq > this.seq) void this.refresh();
      },
      onConnection: (connected) => {
        if (connected) void this.refresh();
        else this.databaseUp = false;
      },
    });
    this.checkTimer = this.options.engine.scheduler.every(this.options.checkIntervalMs, () => void this.check());
  }

  /**
   * Probes the database with its own short time limit: a server that stopped answering is
   * reported down within one interval plus the limit, not when some query finally times out.
   * When it answers, the journal is read: that catches writes whose notification was lost.
   */
  private async check(): Promise<void> {
    try {
      await this.options.database.probe(this.options.checkTimeoutMs);
    } catch (error) {
      if (this.databaseUp) {
        this.options.logger.warn('management database did not answer its health check; discovery keeps the last snapshot', { event: 'management-database-down', error: String(error) });
        this.announcedDown = true;
      }
      this.databaseUp = false;
      return;
    }
    if (!this.stopped) await this.refresh();
  }

  /** Stops listening and checking; the snapshot stays as it is. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.checkTimer?.();
    this.checkTimer = null;
    await this.loading;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
  }

  /** Marks the database down after a failed call elsewhere; the next successful sync marks it up. */
  reportUnavailable(): void {
    this.databaseUp = false;
  }

  /**
   * Brings the snapshot up to the journal's end: resolves once a sync that started after this
   * call has finished (true) or a sync failed (false). Concurrent calls share syncs.
   */
  async refresh(): Promise<boolean> {
    const ticket = ++this.requested;
    for (;;) {
      if (this.loading === null) {
        if (this.stopped) return false;
        const start = this.requested;
        this.loading = this.syncOnce()
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

  private seqOf(payload: string): number | null {
    try {
      const parsed = JSON.parse(payload) as { seq?: unknown };
      return typeof parsed.seq === 'number' ? parsed.seq : null;
    } catch {
      return null;
    }
  }

  private async syncOnce(): Promise<boolean> {
    const before = this.seq;
    const wasLoaded = this.loaded;
    this.touched = new Set();
    try {
      if (this.needsFullLoad) await this.fullLoad();
      else await this.catchUp();
      if (wasLoaded && this.seq !== before) this.announce();
    } catch (error) {
      if (this.databaseUp) {
        this.options.logger.warn('management data sync failed; discovery keeps the last snapshot', { error: String(error) });
        this.announcedDown = true;
      }
      this.databaseUp = false;
      return false;
    }
    if (this.announcedDown) this.options.logger.info('management database reachable again', { event: 'management-database-up' });
    this.announcedDown = false;
    this.databaseUp = true;
    return true;
  }

  /** Reads the journal after this node's position and applies it; falls back to a full load when it cannot. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await readJournal(this.options.database.db, this.seq, JOURNAL_PAGE);
      const changes: RowChange[] = [];
      let whole = page.prunedThrough > this.seq;
      for (const entry of page.entries) {
        this.touched?.add(entry.table);
        const change = rowChange(entry);
        if (change === null) whole = true;
        else changes.push(change);
      }
      if (whole) {
        this.options.logger.info('management journal cannot be applied row by row (truncated or pruned past this node); reloading whole', { event: 'management-full-reload' });
        await this.fullLoad();
        return;
      }
      const last = page.entries.at(-1);
      if (last === undefined) return;
      this.applyChanges(changes);
      this.seq = last.seq;
      if (page.entries.length < JOURNAL_PAGE) return;
    }
  }

  /** The fallback: every row again, built into a new snapshot, compared with the one in force. */
  private async fullLoad(): Promise<void> {
    this.touched = null;
    const load = await loadSnapshotRows(this.options.database.db);
    const next = ManagementSnapshot.of(load.changes);
    const before = this.snapshot;
    this.current = next;
    this.seq = load.seq;
    this.needsFullLoad = false;
    const { engine } = this.options;
    if (!this.loaded) {
      // The first load replaces nothing clients have seen: no pushes, only the swap.
      this.loaded = true;
      engine.discovery.filters.invalidate();
      return;
    }
    const changes = snapshotChanges(before, next, engine);
    engine.discovery.filters.invalidate();
    this.publish(changes.instances, changes.reloads);
  }

  /**
   * Applies journal rows to the snapshot in place and tells clients: `reload` for each service
   * whose signature changed, and `delete` / `new` for each registered instance an instance or
   * server operation now hides or no longer hides. Costs what the rows touch, not what the
   * snapshot holds.
   */
  private applyChanges(changes: readonly RowChange[]): void {
    if (changes.length === 0) return;
    const { engine } = this.options;
    const snapshot = this.snapshot;
    const candidates = new Map<Instance, boolean>();
    const servers = new Set<string>();
    for (const change of changes) {
      if (change.table === 'instance') {
        for (const row of [change.before, change.after]) {
          const lease = row === null ? undefined : engine.store.lease(row.service_id, row.instance_id);
          if (lease !== undefined && !candidates.has(lease.instance)) candidates.set(lease.instance, snapshot.isInstanceDown(lease.instance));
        }
      } else if (change.table === 'server') {
        for (const row of [change.before, change.after]) if (row !== null) servers.add(serverIdentity({ regionId: row.region_id, serverId: row.server_id }));
      }
    }
    if (servers.size > 0) {
      for (const record of engine.store.records()) {
        for (const lease of record.leases.values()) {
          const instance = lease.instance;
          if (servers.has(serverIdentity({ regionId: instance.regionId, serverId: instance.ip })) && !candidates.has(instance)) candidates.set(instance, snapshot.isInstanceDown(instance));
        }
      }
    }
    const applied = snapshot.apply(changes);
    const signatures = snapshot.signatures();
    const reloads = [...applied.services].filter(([key, before]) => signatures.get(key) !== before).map(([key]) => key);
    const reloading = new Set(reloads);
    const instances: { changeType: typeof ChangeType.delete | typeof ChangeType.new; instance: Instance }[] = [];
    for (const [instance, wasDown] of candidates) {
      if (reloading.has(serviceKeyOf(instance.serviceId ?? ''))) continue;
      const isDown = snapshot.isInstanceDown(instance);
      if (isDown !== wasDown) instances.push({ changeType: isDown ? ChangeType.delete : ChangeType.new, instance });
    }
    engine.discovery.filters.invalidate();
    this.publish(instances, reloads);
  }

  /** Tells the listeners; one that throws is logged and does not stop the others. */
  private announce(): void {
    const change: SnapshotChange = { position: this.seq, tables: this.touched === null ? [] : [...this.touched].sort() };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.options.logger.warn('a management snapshot listener failed', { error: String(error) });
      }
    }
  }

  private publish(instances: readonly { changeType: typeof ChangeType.delete | typeof ChangeType.new; instance: Instance }[], reloads: readonly string[]): void {
    const { engine } = this.options;
    for (const change of instances) engine.store.announce(change.changeType, change.instance);
    for (const serviceKey of reloads) engine.store.reload(engine.store.service(serviceKey)?.serviceId ?? serviceKey);
    if (instances.length > 0 || reloads.length > 0) this.options.logger.debug('management snapshot changed', { reloads: reloads.length, instanceChanges: instances.length });
  }
}
