import type { ManagementDatabase } from '../management-database.js';
import { openPostgresDatabase, type PostgresDatabaseOptions } from '../postgres-database.js';
import { EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';

/** The embedded server's settings and the pool's. */
export type EmbeddedDatabaseOptions = EmbeddedPostgresOptions & Omit<PostgresDatabaseOptions, 'url'>;

/** A management database on an embedded server, which closing stops. */
export interface EmbeddedManagementDatabase extends ManagementDatabase {
  readonly server: EmbeddedPostgres;
}

/**
 * Starts the embedded Postgres server under `dataDir` and opens the management database on it
 * through the same `pg` pool as a real server; `close()` closes the pool, then stops the server.
 *
 * @example
 * ```ts
 * import { openEmbeddedDatabase } from '@artemis/management';
 * const database = await openEmbeddedDatabase({ dataDir: './data', logger });
 * await database.close();
 * ```
 */
export async function openEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedManagementDatabase> {
  const server = await EmbeddedPostgres.start(options);
  const pool = openPostgresDatabase({ ...options, url: server.url });
  return {
    ...pool,
    kind: 'embedded',
    server,
    async close() {
      await pool.close();
      await server.stop();
    },
  };
}
