import { Migrator, type Kysely } from 'kysely';
import { ArtemisError, ErrorCode } from '@artemis/core';
import type { ManagementTables } from '../management-tables.js';
import { migrationProvider } from './migration-list.js';

/** Our Migrator bookkeeping tables, named so that they never collide with an application's. */
const MIGRATION_TABLES = { migrationTableName: 'artemis_migration', migrationLockTableName: 'artemis_migration_lock' } as const;

function migrator(db: Kysely<ManagementTables>): Migrator {
  return new Migrator({ db, provider: migrationProvider, ...MIGRATION_TABLES });
}

/**
 * Brings the schema to the latest migration (kysely's Migrator, with its lock, so that two
 * nodes starting together on one database do not race). Returns the names applied now.
 *
 * @example
 * ```ts
 * import { migrateToLatest } from '@artemis/management';
 * await migrateToLatest(database.db);
 * ```
 */
export async function migrateToLatest(db: Kysely<ManagementTables>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error !== undefined) {
    throw new ArtemisError(ErrorCode.serviceUnavailable, `database migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Undoes the latest migration (tests run down as well as up). */
export async function migrateDown(db: Kysely<ManagementTables>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateDown();
  if (error !== undefined) throw new ArtemisError(ErrorCode.internalServiceError, `database migration down failed: ${String(error)}`, { cause: error });
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * Brings the schema to the named migration exactly (up or down), e.g. to the version of data
 * about to be copied in from an older database.
 */
export async function migrateTo(db: Kysely<ManagementTables>, migrationName: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(migrationName);
  if (error !== undefined) throw new ArtemisError(ErrorCode.serviceUnavailable, `database migration to ${migrationName} failed: ${String(error)}`, { cause: error });
}

/** The table that records applied migrations, for tools that read another database's version. */
export const MIGRATION_TABLE = MIGRATION_TABLES.migrationTableName;
