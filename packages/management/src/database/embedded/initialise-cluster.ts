import { chownSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedDatabaseError } from './embedded-database-error.js';
import type { ServerUser } from './server-user.js';
import { spawnTied } from './tied-process.js';

/** Prefix of the directories initdb works in before they are renamed into place. */
const INIT_PREFIX = 'postgres.init-';

function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function runInitdb(initdb: string, target: string, user: ServerUser): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnTied(initdb, ['-D', target, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-instructions'], user, ['ignore', 'pipe', 'pipe']);
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('error', (error) => reject(new EmbeddedDatabaseError('start-failed', `initdb could not run: ${error.message}`, { cause: error })));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new EmbeddedDatabaseError('start-failed', `initdb failed (${signal ?? `exit ${String(code)}`}): ${output.trim()}`));
    });
  });
}

/**
 * Makes sure `<dataDir>/postgres` holds a complete database cluster. initdb works in a
 * directory of its own (`postgres.init-<pid>`) that is renamed into place only once it is
 * complete, so a node killed at any moment leaves either no cluster (the next start begins
 * again; leftovers are removed, the lock being held) or a whole one, never a half-made one.
 */
export async function initialiseCluster(options: { dataDir: string; pgdata: string; initdb: string; user: ServerUser }): Promise<boolean> {
  const { dataDir, pgdata, user } = options;
  for (const entry of readdirSync(dataDir)) {
    if (entry.startsWith(INIT_PREFIX)) rmSync(join(dataDir, entry), { recursive: true, force: true });
  }
  if (existsSync(pgdata)) {
    if (existsSync(join(pgdata, 'PG_VERSION'))) return false;
    throw new EmbeddedDatabaseError('corrupt', `${pgdata} exists but is not a Postgres data directory (no PG_VERSION); move it away to start with an empty database`);
  }
  const work = join(dataDir, `${INIT_PREFIX}${process.pid}`);
  mkdirSync(work, { mode: 0o700 });
  if (!user.current) chownSync(work, user.uid, user.gid);
  try {
    await runInitdb(options.initdb, work, user);
    syncDirectory(work);
    renameSync(work, pgdata);
    syncDirectory(dataDir);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return true;
}
