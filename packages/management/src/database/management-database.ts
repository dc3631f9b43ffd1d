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
 * The management database, whichever engine holds it: a kysely instance for queries and
 * transactions, LISTEN/NOTIFY, and close. `postgres` is a real server through `pg`; `pglite`
 * is the embedded default.
 */
export interface ManagementDatabase {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Kysely<ManagementTables>;
  /** Listens on `channel` until the returned function is called; survives reconnects. */
  listen(channel: string, handlers: NotificationHandlers): Promise<Unlisten>;
  /** Closes every connection. */
  close(): Promise<void>;
}
