import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where Artemis 0.1 kept its embedded PGlite database, under the data directory. */
export const LEGACY_PGLITE_DIR = 'management';

/**
 * The directory of an Artemis 0.1 embedded database (PGlite, Postgres compiled to WebAssembly)
 * under `dataDir`, or null. Its files cannot be opened by a real Postgres server; the rows are
 * carried over once by `artemis migrate-pglite`.
 */
export function legacyPGliteDirectory(dataDir: string): string | null {
  const path = join(dataDir, LEGACY_PGLITE_DIR);
  return existsSync(join(path, 'PG_VERSION')) ? path : null;
}
