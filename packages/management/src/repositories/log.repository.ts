import { sql, type RawBuilder } from 'kysely';
import type { ManagementDb, ManagementTables } from '../database/management-tables.js';
import { isSet } from './sql-helpers.js';

/** The log tables the log endpoints read. */
export type LogTableName = Extract<keyof ManagementTables, `${string}_log`>;

/** One equality condition of a log query; text compares case-insensitively. */
export type LogCondition =
  | { readonly column: string; readonly kind: 'text'; readonly value: string | null }
  | { readonly column: string; readonly kind: 'number'; readonly value: number | null }
  | { readonly column: string; readonly kind: 'flag'; readonly value: boolean | null };

/** A page of a log query: newest first. */
export interface LogPageQuery {
  readonly limit: number;
  readonly offset: number;
}

function condition(c: LogCondition): RawBuilder<unknown> | null {
  if (!isSet(c.value)) return null;
  if (c.kind === 'text') return sql`lower(${sql.ref(c.column)}) = lower(${c.value})`;
  return sql`${sql.ref(c.column)} = ${c.value}`;
}

/**
 * Rows of a log table matching every set condition, newest first (by id), one page.
 * Rows come back as the table has them (snake_case); the log service maps them to the wire.
 */
export async function selectLogRows(db: ManagementDb, table: LogTableName, conditions: readonly LogCondition[], page: LogPageQuery): Promise<Record<string, unknown>[]> {
  const where = conditions.map(condition).filter((c): c is RawBuilder<unknown> => c !== null);
  const filter = where.length === 0 ? sql`` : sql`where ${sql.join(where, sql` and `)}`;
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)} ${filter} order by id desc limit ${page.limit} offset ${page.offset}`.execute(db);
  return result.rows;
}
