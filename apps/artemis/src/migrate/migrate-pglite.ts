import { renameSync } from 'node:fs';
import {
  copyManagementRows,
  legacyPGliteDirectory,
  managementTableNames,
  migrateTo,
  migrateToLatest,
  MIGRATION_TABLE,
  openEmbeddedDatabase,
  type TableRows,
} from '@artemis/management';
import type { Logger } from '@artemis/server';

/** The part of PGlite's API the migration uses. */
interface PGliteLike {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

/** The PGlite version that Artemis 0.1 shipped, whose files this reads. */
export const LEGACY_PGLITE_VERSION = '0.3.16';

/** What a migration did. */
export interface PGliteMigration {
  readonly from: string;
  /** Where the old directory was moved, kept as a backup. */
  readonly keptAt: string;
  readonly rows: Readonly<Record<string, number>>;
}

async function loadPGlite(): Promise<{ create(dataDir: string): Promise<PGliteLike> }> {
  // Not a dependency of ours: only this one-time migration needs it, so the operator installs it.
  const name = '@electric-sql/pglite';
  try {
    const module = (await import(name)) as { PGlite: { create(dataDir: string): Promise<PGliteLike> } };
    return module.PGlite;
  } catch (error) {
    throw new Error(`reading the old database needs ${name}@${LEGACY_PGLITE_VERSION}; install it next to artemis (npm install --no-save ${name}@${LEGACY_PGLITE_VERSION}) and run this again`, { cause: error });
  }
}

async function readLegacy(pglite: PGliteLike): Promise<{ version: string; tables: TableRows[] }> {
  const versions = await pglite.query<{ name: string }>(`select name from ${MIGRATION_TABLE} order by name desc limit 1`);
  const version = versions.rows[0]?.name;
  if (version === undefined) throw new Error('the old database has no applied migrations: nothing to carry over');
  const tables: TableRows[] = [];
  for (const table of managementTableNames) {
    const rows = await pglite.query<Record<string, unknown>>(`select * from ${table} order by id`);
    tables.push({ table, rows: rows.rows });
  }
  return { version, tables };
}

/**
 * Carries the management data of an Artemis 0.1 data directory (PGlite in `<dataDir>/management`)
 * into the embedded Postgres server of this version, once: the new database is brought to the
 * old one's schema version, every row is copied with its id, then the schema is brought up to
 * date; the old directory is renamed, not deleted.
 */
export async function migratePGlite(dataDir: string, logger: Logger, progress: (line: string) => void): Promise<PGliteMigration> {
  const legacy = legacyPGliteDirectory(dataDir);
  if (legacy === null) throw new Error(`${dataDir} holds no PGlite database of an earlier Artemis (no management/PG_VERSION): nothing to migrate`);
  const PGlite = await loadPGlite();
  progress(`reading ${legacy}`);
  const pglite = await PGlite.create(legacy);
  let read: Awaited<ReturnType<typeof readLegacy>>;
  try {
    read = await readLegacy(pglite);
  } finally {
    await pglite.close();
  }
  const keptAt = `${legacy}.pglite-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  // The embedded server refuses to start beside legacy data; move it aside first, and back on failure.
  renameSync(legacy, keptAt);
  const rows: Record<string, number> = {};
  try {
    const database = await openEmbeddedDatabase({ dataDir, logger });
    try {
      await migrateTo(database.db, read.version);
      await copyManagementRows(database.db, read.tables, (table, count) => {
        rows[table] = count;
        progress(`copied ${count} rows of ${table}`);
      });
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
  } catch (error) {
    renameSync(keptAt, legacy);
    throw error;
  }
  return { from: legacy, keptAt, rows };
}
