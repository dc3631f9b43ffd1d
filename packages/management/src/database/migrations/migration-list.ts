import type { Migration, MigrationProvider } from 'kysely';
import * as managementSchema from './20251130000000_management-schema.js';
import * as changeJournalAndReferences from './20261204000000_change-journal-and-references.js';
import * as security from './20261204100000_security.js';
import * as operatorNote from './20261204200000_operator-note.js';

/**
 * Every migration, by its timestamped name. Listed statically rather than read from the
 * directory, so they work wherever the package is installed or bundled.
 */
const migrations: Readonly<Record<string, Migration>> = {
  '20251130000000_management-schema': managementSchema,
  '20261204000000_change-journal-and-references': changeJournalAndReferences,
  '20261204100000_security': security,
  '20261204200000_operator-note': operatorNote,
};

/** Hands kysely's Migrator the migrations above. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};
