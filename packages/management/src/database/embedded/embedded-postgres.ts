import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { silentLogger, type Logger } from '@artemis/server';
import { DataDirLock } from './data-dir-lock.js';
import { EmbeddedDatabaseError } from './embedded-database-error.js';
import { initialiseCluster } from './initialise-cluster.js';
import { legacyPGliteDirectory } from './legacy-data.js';
import { stopOrphanedServer } from './orphaned-server.js';
import { copyPostgresBinaries, findPostgresBinaries, type PostgresBinaries } from './postgres-binaries.js';
import { serverUser, userCanReach, type ServerUser } from './server-user.js';
import { spawnTied } from './tied-process.js';

/** How to run the embedded server. */
export interface EmbeddedPostgresOptions {
  /** The node's data directory; the cluster lives in `<dataDir>/postgres`. Created if missing. */
  readonly dataDir: string;
  readonly logger?: Logger;
  /** The database the node uses, created on first start (default `artemis`). */
  readonly database?: string;
  /** Server settings over ours (`{ shared_buffers: '32MB' }`). */
  readonly settings?: Readonly<Record<string, string>>;
  /** Longest wait for the server to accept connections (default 30 s). */
  readonly startTimeoutMs?: number;
}

/** The directory under the data directory that holds the cluster. */
export const EMBEDDED_CLUSTER_DIR = 'postgres';

/**
 * Small settings: a registry's management data is a few MB, and the node's memory budget
 * counts the server's. No TCP listener at all: the node talks over a Unix socket in a
 * directory only the server's user can enter.
 */
const DEFAULT_SETTINGS: Readonly<Record<string, string>> = {
  listen_addresses: '',
  port: '5432',
  unix_socket_permissions: '0700',
  shared_buffers: '16MB',
  max_connections: '64',
  work_mem: '2MB',
  maintenance_work_mem: '16MB',
  max_worker_processes: '2',
  max_parallel_workers: '0',
  max_parallel_workers_per_gather: '0',
  autovacuum_max_workers: '1',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '64MB',
  min_wal_size: '32MB',
  jit: 'off',
  huge_pages: 'off',
  logging_collector: 'off',
  lc_messages: 'C',
  log_min_messages: 'warning',
};

/** Socket paths are limited to about 107 bytes; keep ours well inside. */
const MAX_SOCKET_PATH = 100;
const READY_POLL_MS = 50;
const STOP_WAIT_MS = 15_000;
/** Restart delays after the server died under a running node. */
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

function socketDirectory(dataDir: string, pgdata: string, port: string): string {
  if (Buffer.byteLength(join(pgdata, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH) return pgdata;
  const digest = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
  return join(tmpdir(), `artemis-pg-${digest}`);
}

/** FATAL lines that are the normal course of a start or a stop, not failures. */
const ROUTINE_FATAL = /terminating connection due to administrator command|the database system is (starting up|shutting down)/;

/** Postgres's message level decides ours; client errors (a unique violation...) are the node's business. */
function logLine(logger: Logger, line: string): void {
  if (line.trim() === '') return;
  if (/\b(PANIC|FATAL):/.test(line) && !ROUTINE_FATAL.test(line)) logger.error(line, { source: 'postgres' });
  else if (/\bWARNING:/.test(line)) logger.warn(line, { source: 'postgres' });
  else logger.debug(line, { source: 'postgres' });
}

/**
 * A real Postgres server that the node starts and stops as a child process, with its data in
 * `<dataDir>/postgres`, so `artemis server` needs no external database. Its lifecycle is safe
 * by construction: one process per data directory (a lock file, then Postgres's own
 * `postmaster.pid`); first initialisation in a directory renamed into place when complete; a
 * server left by a node killed with -9 is found and stopped at the next start; the server gets
 * SIGINT when the node dies; a server that dies under a running node is restarted.
 *
 * @example
 * ```ts
 * import { EmbeddedPostgres, openPostgresDatabase } from '@artemis/management';
 * const server = await EmbeddedPostgres.start({ dataDir: './data', logger });
 * const database = openPostgresDatabase({ url: server.url, logger });
 * // ...
 * await database.close();
 * await server.stop();
 * ```
 */
export class EmbeddedPostgres {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly lock: DataDirLock,
    private readonly binaries: PostgresBinaries,
    private readonly user: ServerUser,
    /** The cluster directory. */
    readonly pgdata: string,
    /** The directory of the server's Unix socket. */
    readonly socketDir: string,
    /** The database the node uses. */
    readonly database: string,
    private readonly settings: Readonly<Record<string, string>>,
    private readonly logger: Logger,
    private readonly startTimeoutMs: number,
  ) {}

  /** A `postgres://` URL reaching the server over its socket. */
  get url(): string {
    return `postgresql://postgres@localhost/${encodeURIComponent(this.database)}?host=${encodeURIComponent(this.socketDir)}`;
  }

  /** The postmaster's pid while it runs. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /**
   * Locks the data directory, initialises the cluster if there is none, stops a server a dead
   * node left running, starts the server and waits until the node's database accepts
   * connections. Failures are {@link EmbeddedDatabaseError}s with a message for the operator.
   */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const logger = options.logger ?? silentLogger;
    const dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    const lock = DataDirLock.acquire(dataDir);
    try {
      const legacy = legacyPGliteDirectory(dataDir);
      const pgdata = join(dataDir, EMBEDDED_CLUSTER_DIR);
      if (legacy !== null) {
        throw new EmbeddedDatabaseError('legacy-data', `${legacy} holds management data in the format of the embedded PGlite database of Artemis 0.1, which this version no longer runs`);
      }
      const user = serverUser(dataDir);
      let binaries = findPostgresBinaries();
      if (!userCanReach(user, binaries.postgres)) binaries = copyPostgresBinaries(binaries);
      if (!userCanReach(user, dataDir)) {
        throw new EmbeddedDatabaseError(
          'inaccessible',
          `the embedded Postgres runs as user '${user.name}' (Postgres refuses to run as root), which cannot reach ${dataDir}; give the node a --data-dir that user can reach, or run artemis as a non-root user`,
        );
      }
      const created = await initialiseCluster({ dataDir, pgdata, initdb: binaries.initdb, user });
      if (created) logger.info(`initialised the embedded database in ${pgdata}`, { event: 'embedded-database-initialised', postgres: binaries.source });
      await stopOrphanedServer(pgdata, logger);
      const settings = { ...DEFAULT_SETTINGS, ...options.settings };
      const socketDir = socketDirectory(dataDir, pgdata, settings['port'] ?? '5432');
      if (!existsSync(socketDir)) {
        mkdirSync(socketDir, { mode: 0o700 });
        if (!user.current) chownSync(socketDir, user.uid, user.gid);
      }
      const server = new EmbeddedPostgres(lock, binaries, user, pgdata, socketDir, options.database ?? 'artemis', settings, logger, options.startTimeoutMs ?? 30_000);
      try {
        await server.launch();
        await server.ensureDatabase();
      } catch (error) {
        await server.stop();
        throw error;
      }
      return server;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Stops the server (fast shutdown: open sessions are cut) and releases the data directory. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    const child = this.child;
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      for (const signal of ['SIGINT', 'SIGQUIT', 'SIGKILL'] as const) {
        child.kill(signal);
        const timer = new Promise<'late'>((done) => setTimeout(() => done('late'), STOP_WAIT_MS).unref());
        if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'exited') break;
        this.logger.warn(`the embedded database did not stop after ${signal}`, { pid: child.pid });
      }
    }
    this.child = null;
    this.lock.release();
  }

  private args(): string[] {
    const settings = { ...this.settings, unix_socket_directories: this.socketDir };
    return ['-D', this.pgdata, ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])];
  }

  /** Starts the postmaster and resolves once it accepts connections. */
  private async launch(): Promise<void> {
    const child = spawnTied(this.binaries.postgres, this.args(), this.user, ['ignore', 'pipe', 'pipe']);
    this.child = child;
    const recent: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      if (stream === null) continue;
      createInterface({ input: stream }).on('line', (line) => {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        logLine(this.logger, line);
      });
    }
    let exit: string | null = null;
    child.once('error', (error) => (exit = error.message));
    child.once('exit', (code, signal) => {
      exit ??= signal ?? `exit code ${String(code)}`;
      if (this.child === child && !this.stopping) this.died(exit);
    });
    const deadline = Date.now() + this.startTimeoutMs;
    for (;;) {
      if (exit !== null) throw new EmbeddedDatabaseError('start-failed', `the embedded database server stopped while starting (${exit}): ${recent.join(' | ')}`);
      if (await this.accepts('postgres')) return;
      if (Date.now() > deadline) throw new EmbeddedDatabaseError('start-failed', `the embedded database server did not accept connections within ${this.startTimeoutMs} ms: ${recent.join(' | ')}`);
      await new Promise((done) => setTimeout(done, READY_POLL_MS));
    }
  }

  private async accepts(database: string): Promise<boolean> {
    const client = new pg.Client({ host: this.socketDir, user: 'postgres', database, connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async ensureDatabase(): Promise<void> {
    const client = new pg.Client({ host: this.socketDir, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [this.database]);
      if (found.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(this.database)}`);
    } finally {
      await client.end();
    }
  }

  /** The server died under a running node: discovery keeps its snapshot; bring the server back. */
  private died(reason: string): void {
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)] ?? 30_000;
    this.restarts += 1;
    this.logger.error(`the embedded database server stopped (${reason}); restarting it in ${delay} ms`, { event: 'embedded-database-died', reason });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.launch().then(
        () => {
          this.restarts = 0;
          this.logger.info('the embedded database server is running again', { event: 'embedded-database-restarted' });
        },
        (error: unknown) => this.logger.error('the embedded database server could not be restarted', { error: String(error) }),
      );
    }, delay);
    this.restartTimer.unref();
  }
}
