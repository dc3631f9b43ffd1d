import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { ManagementDatabase, Unlisten } from './management-database.js';
import type { ManagementTables } from './management-tables.js';
import { PGliteDialect } from './pglite/pglite-dialect.js';

/** Where the embedded database keeps its files; omit for an in-memory database (tests). */
export interface PGliteDatabaseOptions {
  readonly dataDir?: string;
}

/**
 * Opens the embedded database: PGlite, in this process, its files under `dataDir`. The first
 * open of an empty directory initialises a cluster (a few seconds); later opens take well
 * under a second. Only one process may open a directory at a time.
 *
 * @example
 * ```ts
 * import { openPGliteDatabase } from '@artemis/management';
 * const database = await openPGliteDatabase({ dataDir: './data/pglite' });
 * ```
 */
export async function openPGliteDatabase(options: PGliteDatabaseOptions = {}): Promise<ManagementDatabase> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const pglite = options.dataDir === undefined ? await PGlite.create() : await PGlite.create(options.dataDir);
  const db = new Kysely<ManagementTables>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    kind: 'pglite',
    db,
    async listen(channel, handlers): Promise<Unlisten> {
      const unlisten = await pglite.listen(channel, (payload) => handlers.onNotify(payload));
      handlers.onConnection?.(true);
      return async () => {
        if (!closed) await unlisten();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
    },
  };
}
