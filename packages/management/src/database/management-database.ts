import type { Kysely } from 'kysely';
import type { ManagementTables } from './management-tables.js';

/** Removes a notification subscription. */
export type Unlisten = () => Promise<void>;

/** What a listener learns from the database's notification channel. */
export interface NotificationHandlers {
  /** A NOTIFY arrived on the channel. */
  readonly onNotify: (payload: string) => void;
  /**
   * The listening session was (re)established or lost. After a reconnect, notifications sent
   * while it was down are gone: the listener should reload.
   */
  readonly onConnection?: (connected: boolean) => void;
}

/**
 * The management database: a kysely instance for queries and transactions, LISTEN/NOTIFY, and
 * close. Always a real Postgres server reached through `pg`: `postgres` is one the node was
 * given (`--database-url`), possibly shared with other nodes; `embedded` is the one the node
 * started itself under its data directory, which only it writes.
 */
export interface ManagementDatabase {
  readonly kind: 'postgres' | 'embedded';
  readonly db: Kysely<ManagementTables>;
  /**
   * Resolves when the server answers a trivial query within `timeoutMs`, else rejects: the
   * health check. It runs on a connection of its own, outside the pool, so a pool that is busy
   * or stuck does not hide the answer, and a server that stopped answering (SIGSTOP, a network
   * partition) is noticed within `timeoutMs`.
   */
  probe(timeoutMs: number): Promise<void>;
  /** Listens on `channel` until the returned function is called; survives reconnects. */
  listen(channel: string, handlers: NotificationHandlers): Promise<Unlisten>;
  /** Closes every connection. */
  close(): Promise<void>;
}
