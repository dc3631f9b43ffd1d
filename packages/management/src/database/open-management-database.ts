import type { Logger } from '@artemis/server';
import { openEmbeddedDatabase } from './embedded/open-embedded-database.js';
import type { ManagementDatabase } from './management-database.js';
import { openPostgresDatabase, type QueryObserver } from './postgres-database.js';

/** Where management data lives: a Postgres URL, else an embedded server under `dataDir`. */
export interface ManagementDatabaseConfig {
  /** `postgres://...`: a real server. Wins over `dataDir`. */
  readonly url?: string;
  /** The node's data directory, for the embedded server (used when no `url`). */
  readonly dataDir: string;
  /** Statement timeout (default 5000 ms). */
  readonly statementTimeoutMs?: number;
  /** Connect timeout (default 2000 ms). */
  readonly connectTimeoutMs?: number;
  readonly logger: Logger;
  /** Told of each statement after it ran (metrics, traces). */
  readonly onQuery?: QueryObserver;
}

/**
 * Opens the management database the configuration names: the server at `url`, or the embedded
 * server under `dataDir` (started now, stopped by `close()`). Either way the node talks to it
 * through the same `pg` pool.
 *
 * @example
 * ```ts
 * import { openManagementDatabase } from '@artemis/management';
 * const database = await openManagementDatabase({ dataDir: './data', logger });
 * ```
 */
export async function openManagementDatabase(config: ManagementDatabaseConfig): Promise<ManagementDatabase> {
  const { url, dataDir, ...pool } = config;
  if (url !== undefined && url !== '') return openPostgresDatabase({ ...pool, url });
  return openEmbeddedDatabase({ ...pool, dataDir });
}
