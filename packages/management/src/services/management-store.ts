import { ArtemisError, ErrorCode } from '@artemis/core';
import type { ArtemisEngine, Logger } from '@artemis/server';
import { sql, type Transaction } from 'kysely';
import { toArtemisError } from '../database/database-errors.js';
import type { ManagementDatabase } from '../database/management-database.js';
import type { ManagementTables } from '../database/management-tables.js';
import type { ManagementSnapshot } from '../snapshot/management-snapshot.js';
import type { SnapshotRefresher } from '../snapshot/snapshot-refresher.js';
import { pruneJournal } from '../repositories/change-journal.repository.js';
import { WriteQueue } from './write-queue.js';

/**
 * The advisory lock key every management write holds until it commits (any constant; this one
 * spells "ARTE" in ASCII so that `pg_locks` shows whose it is).
 */
export const MANAGEMENT_WRITE_LOCK = 0x41525445;

/** How often (in this node's writes) a write also prunes the change journal. */
const PRUNE_EVERY_WRITES = 256;

/** What the management services share: the database, the snapshot, and the node. */
export interface ManagementStoreOptions {
  readonly database: ManagementDatabase;
  readonly engine: ArtemisEngine;
  readonly refresher: SnapshotRefresher;
  readonly logger: Logger;
  readonly channel: string;
  readonly nodeId: string;
  /** Writes that may wait for their turn on this node (default 1000); more fail with `service-unavailable`. */
  readonly maxQueuedWrites?: number;
}

/**
 * The one way management services touch the database. A write checks that the node is UP,
 * runs in one transaction with its log rows and a NOTIFY (delivered to the other nodes at
 * commit), then brings this node's snapshot up to the journal's end (its own rows, applied
 * incrementally) before answering, so the caller reads its own write. Any driver error leaves as an {@link ArtemisError}.
 */
export class ManagementStore {
  private readonly queue: WriteQueue;
  private writes = 0;

  constructor(private readonly options: ManagementStoreOptions) {
    this.queue = new WriteQueue(options.maxQueuedWrites ?? 1_000);
  }

  /** The snapshot discovery uses now. */
  get snapshot(): ManagementSnapshot {
    return this.options.refresher.snapshot;
  }

  /** The engine this management serves. */
  get engine(): ArtemisEngine {
    return this.options.engine;
  }

  /** Fails with `service-unavailable` unless the node is UP (Java's `checkCurrentNode`). */
  requireNodeUp(): void {
    const cluster = this.options.engine.cluster;
    if (!cluster.canServeRegistry()) {
      throw new ArtemisError(ErrorCode.serviceUnavailable, `Serivce is not in up state. Current status: ${cluster.describeState()}`);
    }
  }

  /** Runs `work` as one write transaction; `action` names it in failure messages ("insert groups"). */
  async write<T>(action: string, work: (tx: Transaction<ManagementTables>) => Promise<T>): Promise<T> {
    this.requireNodeUp();
    // Known down (the health probe or a failed call said so): fail now rather than after the
    // statement timeout, and without taking a pooled connection that would only hang.
    if (!this.options.refresher.healthy) throw new ArtemisError(ErrorCode.serviceUnavailable, `${action} failed: the management database is unavailable; retry later.`);
    let result: T;
    try {
      result = await this.queue.run(() => this.options.database.db.transaction().execute(async (tx) => {
        // One writer at a time on the whole database, held until commit: two writes on one key
        // (a pull-out and a pull-in sent together) apply and log in the same order, so the state
        // always equals the newest log row, and every check a write makes still holds at commit.
        await sql`select pg_advisory_xact_lock(${MANAGEMENT_WRITE_LOCK})`.execute(tx);
        const value = await work(tx);
        // Old journal rows go now and then, under the lock, so that the journal stays small.
        if (++this.writes % PRUNE_EVERY_WRITES === 0) await pruneJournal(tx);
        // Delivered at commit; the journal position lets nodes that are already there skip it.
        await sql`select pg_notify(${this.options.channel}, json_build_object('origin', ${this.options.nodeId}::text, 'seq', (select coalesce(max(seq), 0) from artemis_change))::text)`.execute(tx);
        return value;
      }));
    } catch (error) {
      throw this.failure(error, action);
    }
    await this.options.refresher.refresh();
    return result;
  }

  /** Runs a query outside the snapshot (the `get-*` endpoints that Java answers from the database). */
  async read<T>(action: string, work: (db: ManagementDatabase['db']) => Promise<T>): Promise<T> {
    try {
      return await work(this.options.database.db);
    } catch (error) {
      throw this.failure(error, action);
    }
  }

  private failure(error: unknown, action: string): ArtemisError {
    const failure = toArtemisError(error, action);
    if (failure.code === ErrorCode.serviceUnavailable && !(error instanceof ArtemisError)) this.options.refresher.reportUnavailable();
    if (failure.code === ErrorCode.internalServiceError || failure.code === ErrorCode.serviceUnavailable) {
      this.options.logger.warn(`management ${action} failed`, { error: error instanceof Error ? error.message : String(error), code: (error as { code?: unknown }).code });
    }
    return failure;
  }
}
