import { sql } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';

/** One row of `artemis_change`: a row of a journalled table inserted, updated or deleted, or a table truncated. */
export interface JournalEntry {
  readonly seq: number;
  readonly table: string;
  readonly op: 'insert' | 'update' | 'delete' | 'truncate';
  readonly oldRow: unknown;
  readonly newRow: unknown;
}

/** Journal rows after `afterSeq`, oldest first, at most `limit`; and how far old rows were pruned. */
export interface JournalPage {
  readonly prunedThrough: number;
  readonly entries: readonly JournalEntry[];
}

/** How long journal rows are kept: a node away for longer reloads whole. */
export const JOURNAL_RETENTION_MINUTES = 10;

/** Reads the journal after `afterSeq`. */
export async function readJournal(db: ManagementDb, afterSeq: number, limit: number): Promise<JournalPage> {
  const horizon = await sql<{ pruned_through: number }>`select pruned_through from artemis_change_horizon`.execute(db);
  const rows = await sql<{ seq: number; table_name: string; op: JournalEntry['op']; old_row: unknown; new_row: unknown }>`
    select seq, table_name, op, old_row, new_row from artemis_change where seq > ${afterSeq} order by seq limit ${limit}`.execute(db);
  return {
    prunedThrough: Number(horizon.rows[0]?.pruned_through ?? 0),
    entries: rows.rows.map((row) => ({ seq: Number(row.seq), table: row.table_name, op: row.op, oldRow: row.old_row, newRow: row.new_row })),
  };
}

/** The newest journal position (0 when empty). */
export async function journalPosition(db: ManagementDb): Promise<number> {
  const result = await sql<{ seq: number | null }>`select max(seq) as seq from artemis_change`.execute(db);
  return Number(result.rows[0]?.seq ?? 0);
}

/** Deletes journal rows older than the retention and moves the horizon past them. Run under the write lock. */
export async function pruneJournal(db: ManagementDb): Promise<void> {
  await sql`with pruned as (delete from artemis_change where change_time < now() - make_interval(mins => ${JOURNAL_RETENTION_MINUTES}) returning seq)
    update artemis_change_horizon set pruned_through = greatest(pruned_through, (select coalesce(max(seq), 0) from pruned))`.execute(db);
}
