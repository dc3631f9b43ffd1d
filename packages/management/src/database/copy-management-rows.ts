import { ArtemisError, ErrorCode } from '@artemis/core';
import { sql } from 'kysely';
import { managementTableNames, type ManagementDb, type ManagementTables } from './management-tables.js';

/** The rows of one management table, read from another database. */
export interface TableRows {
  readonly table: keyof ManagementTables;
  readonly rows: readonly Record<string, unknown>[];
}

/** Rows per insert statement: well inside Postgres's 65,535 parameters for any of our tables. */
const CHUNK = 500;

/**
 * Copies management rows into an empty database in one transaction, ids kept, then moves each
 * id sequence past the highest id copied. Refuses a database that already holds management
 * data: copying is for carrying a database over once, not for merging two.
 *
 * @example
 * ```ts
 * import { copyManagementRows } from '@artemis/management';
 * await copyManagementRows(database.db, [{ table: 'instance', rows }]);
 * ```
 */
export async function copyManagementRows(db: ManagementDb, tables: readonly TableRows[], onTable?: (table: string, rows: number) => void): Promise<void> {
  for (const table of managementTableNames) {
    const found = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    if ((found.rows[0]?.n ?? 0) > 0) throw new ArtemisError(ErrorCode.badRequest, `the target database already holds management data (table ${table}); copy into an empty one`);
  }
  await db.transaction().execute(async (tx) => {
    for (const { table, rows } of tables) {
      for (let start = 0; start < rows.length; start += CHUNK) {
        await tx.insertInto(table).values(rows.slice(start, start + CHUNK) as never).execute();
      }
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 1), max(id) is not null) from ${sql.table(table)}`.execute(tx);
      onTable?.(table, rows.length);
    }
  });
}
