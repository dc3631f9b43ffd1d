// The management database each bench node uses. By default the machine's own Postgres (a fresh
// database per node, dropped at the end), as in production. Without a reachable Postgres, each
// node gets a fresh data directory and starts its embedded Postgres there (the default of
// `pnpm start`); scenario 1 measures that default's memory either way.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const host = process.env.PGHOST ?? '127.0.0.1';
const port = process.env.PGPORT ?? '5432';
const user = process.env.PGUSER ?? 'postgres';
const adminDb = process.env.PGDATABASE ?? 'test';

function psql(sql) {
  const result = spawnSync('psql', ['-h', host, '-p', port, '-U', user, '-d', adminDb, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8', timeout: 15_000 });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** 'postgres' when the machine's Postgres answers, else 'embedded'. */
export function databaseKind() {
  try {
    psql('select 1');
    return 'postgres';
  } catch {
    return 'embedded';
  }
}

let count = 0;

/** ARTEMIS_* settings giving a node a fresh management database of `kind`. */
export function freshDatabase(ctx, kind = ctx.database) {
  count += 1;
  if (kind === 'postgres') {
    const name = `artemis_bench_${process.pid}_${count}`;
    psql(`create database ${name}`);
    ctx.cleanups.push(() => psql(`drop database if exists ${name} with (force)`));
    return { ARTEMIS_DATABASE_URL: `postgres://${user}@${host}:${port}/${name}` };
  }
  return { ARTEMIS_DATA_DIR: join(ctx.tmpDir, `data-${count}`) };
}
