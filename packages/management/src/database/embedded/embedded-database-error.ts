/** Why the embedded database could not be used. */
export type EmbeddedDatabaseFailure =
  /** Another live process holds the data directory. */
  | 'locked'
  /** The directory holds data of an earlier format (PGlite) that must be carried over first. */
  | 'legacy-data'
  /** No Postgres build for this platform, or it cannot be prepared. */
  | 'unsupported-platform'
  /** The server would have to run as a user that cannot reach its files. */
  | 'inaccessible'
  /** The directory holds something that is not a complete database. */
  | 'corrupt'
  /** initdb or the server failed. */
  | 'start-failed';

/**
 * A failure to start or keep the embedded database, with a message written for the operator
 * (what is wrong, and what to do). `artemis server` prints it and exits 2.
 */
export class EmbeddedDatabaseError extends Error {
  override readonly name = 'EmbeddedDatabaseError';

  constructor(
    readonly failure: EmbeddedDatabaseFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
