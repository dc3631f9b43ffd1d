import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Logger } from '@artemis/server';
import { DatabaseProbe } from './database-probe.js';
import type { ManagementDatabase, NotificationHandlers, Unlisten } from './management-database.js';
import type { ManagementTables } from './management-tables.js';

/** How to reach a real Postgres server, and how long to wait for it. */
export interface PostgresDatabaseOptions {
  /** A `postgres://user:password@host:port/database` URL. */
  readonly url: string;
  /** Most pooled connections (default 10). */
  readonly maxConnections?: number;
  /** How long to wait for a connection before failing (default 2000 ms). */
  readonly connectTimeoutMs?: number;
  /** How long a statement may run before it fails (default 5000 ms). */
  readonly statementTimeoutMs?: number;
  /** Delay between reconnect attempts of the listening session (default 1000 ms). */
  readonly reconnectDelayMs?: number;
  readonly logger: Logger;
  /** Told of each statement after it ran (metrics, traces); must be cheap and never throw. */
  readonly onQuery?: QueryObserver;
}

/** One statement as {@link PostgresDatabaseOptions.onQuery} sees it. */
export interface QueryEvent {
  /** The SQL text, with placeholders (never the values). */
  readonly sql: string;
  readonly durationMs: number;
  readonly failed: boolean;
}

/** Receives each statement the pool ran. */
export type QueryObserver = (event: QueryEvent) => void;

/** Reads int8 (bigserial ids) as numbers instead of strings. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

function clientConfig(options: PostgresDatabaseOptions): pg.ClientConfig {
  const statementTimeout = options.statementTimeoutMs ?? 5_000;
  return {
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2_000,
    statement_timeout: statementTimeout,
    // A query whose socket goes silent (server gone without a FIN) fails instead of hanging.
    query_timeout: statementTimeout + 1_000,
    idle_in_transaction_session_timeout: statementTimeout * 2,
    keepAlive: true,
    application_name: 'artemis',
    types: typeParsers,
  };
}

/**
 * One LISTEN session on its own client, outside the pool, reconnected after any error until
 * unlistened. Notifications lost while it was down are the reason for `onConnection`.
 */
class ListeningSession {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: PostgresDatabaseOptions,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(clientConfig(this.options));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.onNotify(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.handlers.onConnection?.(true);
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.stopped || (this.client !== null && this.client !== client)) return;
    const wasConnected = this.client === client;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (wasConnected) {
      this.options.logger.warn('management database listener lost its connection; reconnecting', { error: error === null ? 'ended' : String(error) });
      this.handlers.onConnection?.(false);
    }
    if (this.retry === null) {
      this.retry = setTimeout(() => {
        this.retry = null;
        if (!this.stopped) void this.connect();
      }, this.options.reconnectDelayMs ?? 1_000);
      this.retry.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry !== null) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    if (client !== null) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * Opens a pool on a real Postgres server. Connections, statements and idle transactions are
 * bounded by timeouts, so a database that stops answering makes calls fail, never hang.
 *
 * @example
 * ```ts
 * import { openPostgresDatabase } from '@artemis/management';
 * const database = openPostgresDatabase({ url: 'postgres://postgres@127.0.0.1:5432/artemis', logger });
 * ```
 */
export function openPostgresDatabase(options: PostgresDatabaseOptions): ManagementDatabase {
  const pool = new pg.Pool({ ...clientConfig(options), max: options.maxConnections ?? 10, idleTimeoutMillis: 10_000 });
  // An idle client whose server went away emits here; without a handler the process would crash.
  pool.on('error', (error) => options.logger.warn('management database connection failed', { error: error.message }));
  // Server WARNINGs (a migration that removed rows, for one) belong in the node's log.
  pool.on('connect', (client) => {
    // A client checked out of the pool has no pool listener: a session the server ends while a
    // transaction waits (idle_in_transaction_session_timeout on a starved node) must not crash
    // the node; the query in flight fails on its own and the pool discards the client.
    client.on('error', (error) => options.logger.warn('management database session ended', { error: error.message }));
    client.on('notice', (notice) => {
      if (notice.severity === 'WARNING') options.logger.warn(`management database: ${notice.message}`, { event: 'management-database-warning' });
    });
  });
  const onQuery = options.onQuery;
  const db = new Kysely<ManagementTables>({
    dialect: new PostgresDialect({ pool }),
    ...(onQuery === undefined ? {} : { log: (event: LogEvent) => onQuery({ sql: event.query.sql, durationMs: event.queryDurationMillis, failed: event.level === 'error' }) }),
  });
  const sessions = new Set<ListeningSession>();
  const probe = new DatabaseProbe(clientConfig(options));
  return {
    kind: 'postgres',
    db,
    probe: (timeoutMs) => probe.probe(timeoutMs),
    async listen(channel, handlers): Promise<Unlisten> {
      const session = new ListeningSession(options, channel, handlers);
      sessions.add(session);
      await session.start();
      return async () => {
        sessions.delete(session);
        await session.stop();
      };
    },
    async close() {
      await Promise.all([...sessions].map((session) => session.stop()));
      sessions.clear();
      await probe.close();
      await db.destroy();
    },
  };
}
