import type { Logger } from '@artemis/server';
import type { ManagementDatabase } from './management-database.js';
import { openPGliteDatabase } from './pglite-database.js';
import { openPostgresDatabase } from './postgres-database.js';

/** Where management data lives: a Postgres URL, else an embedded database under `dataDir`. */
export interface ManagementDatabaseConfig {
  /** `postgres://...`: a real server. Wins over `dataDir`. */
  readonly url?: string;
  /** Directory of the embedded PGlite database (used when no `url`); in memory when both are absent. */
  readonly dataDir?: string;
  /** Statement timeout on a real server (default 5000 ms). */
  readonly statementTimeoutMs?: number;
  /** Connect timeout on a real server (default 2000 ms). */
  readonly connectTimeoutMs?: number;
  readonly logger: Logger;
}

/**
 * Opens the management database the configuration names: `pg` for a URL, PGlite otherwise.
 *
 * @example
 * ```ts
 * import { openManagementDatabase } from '@artemis/management';
 * const database = await openManagementDatabase({ dataDir: './data/management', logger });
 * ```
 */
export async function openManagementDatabase(config: ManagementDatabaseConfig): Promise<ManagementDatabase> {
  if (config.url !== undefined && config.url !== '') {
    return openPostgresDatabase({
      url: config.url,
      logger: config.logger,
      ...(config.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: config.statementTimeoutMs }),
      ...(config.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: config.connectTimeoutMs }),
    });
  }
  return openPGliteDatabase(config.dataDir === undefined ? {} : { dataDir: config.dataDir });
}
