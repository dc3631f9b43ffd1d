import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { silentLogger, type Logger } from '@artemis/server';
import type { ManagementDatabase } from './database/management-database.js';
import { managementTableNames, type ManagementDb } from './database/management-tables.js';
import { openEmbeddedDatabase } from './database/embedded/open-embedded-database.js';
import { processExists } from './database/embedded/process-identity.js';
import { openPostgresDatabase } from './database/postgres-database.js';

export { processExists };

/**
 * The databases every management test runs against: a fresh database on the shared server, and
 * an embedded server started the way a node starts its own.
 */
export const testDatabaseKinds = ['postgres', 'embedded'] as const;

/** One of {@link testDatabaseKinds}. */
export type TestDatabaseKind = (typeof testDatabaseKinds)[number];

/** A database made for one test file, removed on dispose (`await using`). */
export interface TestDatabase extends AsyncDisposable {
  readonly kind: TestDatabaseKind;
  readonly database: ManagementDatabase;
  /** The URL of the database, for a second node or a plain client. */
  readonly url: string;
  /** Empties every management table, ids restarted, so each test starts from nothing. */
  truncate(): Promise<void>;
}

/** Connection settings of the shared test server, from the standard PG* variables. */
export function testServerSettings(env: Readonly<Record<string, string | undefined>> = process.env) {
  return {
    host: env['PGHOST'] ?? '127.0.0.1',
    port: Number(env['PGPORT'] ?? 5432),
    user: env['PGUSER'] ?? 'postgres',
    password: env['PGPASSWORD'] ?? '',
    /** The database connected to for CREATE/DROP DATABASE; never written to. */
    adminDatabase: env['PGDATABASE'] ?? 'postgres',
  };
}

/** The URL of database `name` on the test server. */
export function testDatabaseUrl(name: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const s = testServerSettings(env);
  const auth = s.password === '' ? encodeURIComponent(s.user) : `${encodeURIComponent(s.user)}:${encodeURIComponent(s.password)}`;
  return `postgres://${auth}@${s.host}:${s.port}/${name}`;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const s = testServerSettings();
  const client = new pg.Client({ host: s.host, port: s.port, user: s.user, password: s.password, database: s.adminDatabase, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database `artemis_test_<random>` on the test server and returns its name. */
export async function createEmptyPostgresDatabase(): Promise<string> {
  const name = `artemis_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  return name;
}

/** Drops a database made by {@link createEmptyPostgresDatabase}, cutting its remaining sessions. */
export async function dropPostgresDatabase(name: string): Promise<void> {
  if (!name.startsWith('artemis_test_')) throw new Error(`refusing to drop ${name}: not a test database`);
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

async function truncateAll(db: ManagementDb): Promise<void> {
  await sql`truncate table ${sql.join(managementTableNames.map((table) => sql.table(table)))} restart identity`.execute(db);
}

/**
 * A data directory for a test under the system's temporary directory, which a root-run test
 * hands to the unprivileged embedded server: mkdtemp makes it 0700, so it is opened to others
 * for traversal (its contents keep their own modes).
 */
export function makeTestDataDir(prefix = 'artemis-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * Resolves once the embedded server of `dataDir` (named by its `postmaster.pid`) has exited, so
 * that a test may remove the directory of a node it killed: the server is shutting down then.
 */
export async function embeddedServerStopped(dataDir: string, timeoutMs = 20_000): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
  } catch {
    return;
  }
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (!processExists(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the embedded server of ${dataDir} (pid ${pid}) is still running after ${timeoutMs} ms`);
}

/**
 * A fresh database of `kind`: a new `artemis_test_<random>` database on the test server
 * (PGHOST, PGPORT, PGUSER, PGPASSWORD; default 127.0.0.1:5432, user postgres), dropped on
 * dispose, or an embedded server in a temporary data directory, stopped and removed on
 * dispose. Not migrated: tests migrate it, as a node does.
 *
 * @example
 * ```ts
 * import { createTestDatabase } from '@artemis/management/testing';
 * await using test = await createTestDatabase('postgres');
 * await migrateToLatest(test.database.db);
 * ```
 */
export async function createTestDatabase(kind: TestDatabaseKind, logger: Logger = silentLogger): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const dataDir = makeTestDataDir();
    const database = await openEmbeddedDatabase({ dataDir, logger }).catch((error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    });
    return {
      kind,
      database,
      url: database.server.url,
      truncate: () => truncateAll(database.db),
      async [Symbol.asyncDispose]() {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = await createEmptyPostgresDatabase();
  const url = testDatabaseUrl(name);
  const database = openPostgresDatabase({ url, logger });
  return {
    kind,
    database,
    url,
    truncate: () => truncateAll(database.db),
    async [Symbol.asyncDispose]() {
      await database.close();
      await dropPostgresDatabase(name);
    },
  };
}

/** A Postgres cluster of its own, started by a test to be stopped and started again (outages). */
export interface ScratchCluster extends AsyncDisposable {
  /** URL of its `postgres` database. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (fast shutdown: sessions are cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

function postgresBinDir(env: Readonly<Record<string, string | undefined>>): string {
  const configured = env['ARTEMIS_TEST_PG_BIN'];
  if (configured !== undefined) return configured;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions[0] === undefined) throw new Error('no Postgres binaries found; set ARTEMIS_TEST_PG_BIN');
  return join(root, versions[0], 'bin');
}

/** The lowest of the kernel's ephemeral ports (listen(0) and outgoing connections take theirs from there up). */
function lowestEphemeralPort(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 1024) return low;
  } catch {
    // Not Linux: the IANA range.
  }
  return 49152;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive loopback ports free now, for a process started later that must know its
 * port in advance (a node whose peers name it, a Postgres). Chosen below the kernel's ephemeral
 * range: a port from listen(0) is free only until the kernel hands it to the next listen(0) or
 * outgoing connection, which made a test node fail to bind now and then.
 */
export async function freeLoopbackPorts(count = 1): Promise<number> {
  const ephemeralLow = lowestEphemeralPort();
  const high = ephemeralLow - count;
  const low = Math.max(1024, Math.min(10_000, high - 1_000));
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const first = low + Math.floor(Math.random() * (high - low));
    let free = true;
    for (let port = first; free && port < first + count; port += 1) free = await canListen(port);
    if (free) return first;
  }
  throw new Error(`no ${count} free consecutive loopback ports found below ${ephemeralLow}`);
}

/**
 * Starts a throwaway Postgres cluster (initdb in a temporary directory, its own port and socket
 * directory) that a test may stop and start: the shared server on 5432 is never touched.
 * Postgres refuses to run as root, so as root the binaries run as the `postgres` user.
 */
export async function startScratchCluster(env: Readonly<Record<string, string | undefined>> = process.env): Promise<ScratchCluster> {
  const bin = postgresBinDir(env);
  const dir = mkdtempSync(join(tmpdir(), 'artemis-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, ...postgresIds());
  // runuser lives in /usr/sbin or /sbin, which a minimal PATH may leave out.
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((path) => existsSync(path)) ?? 'runuser';
  const run = (command: string, args: readonly string[]): void => {
    const [file, argv] = asRoot ? [runuser, ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), [...args]];
    const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout || String(result.error)}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freeLoopbackPorts();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  const start = async (): Promise<void> => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = async (): Promise<void> => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async [Symbol.asyncDispose]() {
      try {
        await stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresIds(): [number, number] {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return [Number(result.stdout.trim()), Number(gid.stdout.trim())];
}
