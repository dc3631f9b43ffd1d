import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { EmbeddedDatabaseError, EmbeddedPostgres, findPostgresBinaries } from '../../src/index.js';
import { copyPostgresBinaries } from '../../src/database/embedded/postgres-binaries.js';
import { serverUser, userCanReach } from '../../src/database/embedded/server-user.js';
import { makeTestDataDir, processExists as alive } from '../../src/testing.js';

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}


async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startFailure(dataDir: string): Promise<EmbeddedDatabaseError> {
  try {
    const server = await EmbeddedPostgres.start({ dataDir });
    await server.stop();
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) return error;
    throw error;
  }
  throw new Error('expected the start to fail');
}

describe('the embedded Postgres server', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = makeTestDataDir('artemis-embedded-');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('initialises an empty directory, and keeps its data across a stop and a start', async () => {
    const first = await EmbeddedPostgres.start({ dataDir });
    await query(first.url, 'create table kept (value text)');
    await query(first.url, "insert into kept values ('still here')");
    await first.stop();
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    const second = await EmbeddedPostgres.start({ dataDir });
    try {
      expect(await query(second.url, 'select value from kept')).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('runs the server as an unprivileged user, listening on a socket only that user can enter', async () => {
    const server = await EmbeddedPostgres.start({ dataDir });
    try {
      const pid = server.pid as number;
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      expect(uid).not.toBe(0);
      expect(statSync(server.socketDir).mode & 0o077).toBe(0);
      expect(await query<{ setting: string }>(server.url, "select setting from pg_settings where name = 'listen_addresses'")).toEqual([{ setting: '' }]);
    } finally {
      await server.stop();
    }
  });

  it('stops a server that a dead node left running on the directory, then runs its own', async () => {
    const first = await EmbeddedPostgres.start({ dataDir });
    await query(first.url, 'create table kept (value int)');
    await first.stop();
    // A server nobody is tied to, as a node killed without a parent-death signal leaves behind.
    const pgdata = join(dataDir, 'postgres');
    const owner = statSync(pgdata);
    const asOwner = process.getuid?.() === 0 ? ['/usr/bin/setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', '--']] : null;
    // As root the node runs the server as another user, from a copy of the binaries when that
    // user cannot reach the installed ones (a clone under a 0700 temp dir, as in CI): so must we.
    let binaries = findPostgresBinaries();
    if (!userCanReach(serverUser(dataDir), binaries.postgres)) binaries = copyPostgresBinaries(binaries);
    const args = [binaries.postgres, '-D', pgdata, '-c', 'listen_addresses=', '-c', `unix_socket_directories=${pgdata}`];
    const orphan = asOwner === null ? spawn(args[0] as string, args.slice(1), { stdio: 'ignore', detached: true }) : spawn(asOwner[0] as string, [...(asOwner[1] as string[]), ...args], { stdio: 'ignore', detached: true });
    const orphanPid = orphan.pid as number;
    await until(() => existsSync(join(pgdata, 'postmaster.pid')) && readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').includes('ready'), 30_000);
    const second = await EmbeddedPostgres.start({ dataDir });
    try {
      expect(alive(orphanPid)).toBe(false);
      expect(second.pid).not.toBe(orphanPid);
      expect(await query(second.url, 'select count(*)::int as n from kept')).toEqual([{ n: 0 }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('starts the server again when it dies under the node', async () => {
    const server = await EmbeddedPostgres.start({ dataDir });
    try {
      const first = server.pid as number;
      process.kill(first, 'SIGKILL');
      await until(async () => server.pid !== first && (await query(server.url, 'select 1 as one').then(() => true, () => false)), 15_000);
    } finally {
      await server.stop();
    }
  });

  it('removes what an initialisation cut off by a kill left behind, and initialises again', async () => {
    mkdirSync(join(dataDir, 'postgres.init-4242', 'base'), { recursive: true });
    writeFileSync(join(dataDir, 'postgres.init-4242', 'PG_VERSION'), '17\n');
    const server = await EmbeddedPostgres.start({ dataDir });
    try {
      expect(existsSync(join(dataDir, 'postgres.init-4242'))).toBe(false);
      expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
  });

  it('refuses a directory whose postgres/ is not a data directory, without touching it', async () => {
    mkdirSync(join(dataDir, 'postgres'));
    writeFileSync(join(dataDir, 'postgres', 'notes.txt'), 'mine');
    const error = await startFailure(dataDir);
    expect(error.failure).toBe('corrupt');
    expect(readFileSync(join(dataDir, 'postgres', 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dataDir, 'artemis.lock'))).toBe(false);
  });

  it('refuses a directory holding the PGlite database of Artemis 0.1, naming it', async () => {
    mkdirSync(join(dataDir, 'management'));
    writeFileSync(join(dataDir, 'management', 'PG_VERSION'), '17\n');
    const error = await startFailure(dataDir);
    expect(error.failure).toBe('legacy-data');
    expect(error.message).toContain(join(dataDir, 'management'));
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  });

  it('refuses a second server on a directory in use, and the first keeps serving', async () => {
    const first = await EmbeddedPostgres.start({ dataDir });
    try {
      const error = await startFailure(dataDir);
      expect(error.failure).toBe('locked');
      expect(error.message).toContain(`pid ${process.pid}`);
      expect(await query(first.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await first.stop();
    }
  });
});
