import { ArtemisError, ErrorCode } from '@artemis/core';

/** Node socket errors that mean the database cannot be reached. */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Driver messages (pg, pg-pool) for a connection that is gone, never came, or timed out. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /not queryable/i,
  /database is closed/i,
  /driver has already been destroyed/i,
];

/** What the DAO knows about a failure, in our terms. */
export type DatabaseFailure = 'unavailable' | 'unique-violation' | 'missing-reference' | 'bad-data' | 'internal';

function fieldOf(error: unknown, name: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Sorts a driver error by SQLSTATE (or, for socket errors, by errno code): connection
 * exceptions (class 08), shutdowns and cancellations (57xxx), too many connections (53300)
 * and lost sockets are `unavailable`; 23505 is a `unique-violation`; 23503 a `missing-reference`; other integrity and data
 * errors (class 22 and 23) are `bad-data`; anything else is `internal`.
 */
export function classifyDatabaseFailure(error: unknown): DatabaseFailure {
  const code = fieldOf(error, 'code');
  if (code !== undefined) {
    if (NETWORK_ERRORS.has(code)) return 'unavailable';
    if (code.startsWith('08') || code.startsWith('57') || code === '53300' || code === '53400') return 'unavailable';
    if (code === '23505') return 'unique-violation';
    if (code === '23503') return 'missing-reference';
    if (code.startsWith('22') || code.startsWith('23')) return 'bad-data';
  }
  const message = error instanceof Error ? error.message : String(error);
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return 'unavailable';
  return 'internal';
}

/**
 * Turns any error of a database call into an {@link ArtemisError}: an `ArtemisError` passes
 * through; a driver error becomes `service-unavailable`, `bad-request` or
 * `internal-service-error` with a message naming `action`, never the driver's own text, so no
 * `pg` error reaches a response. The original stays as `cause` for the log.
 */
export function toArtemisError(error: unknown, action: string): ArtemisError {
  if (error instanceof ArtemisError) return error;
  switch (classifyDatabaseFailure(error)) {
    case 'unavailable':
      return new ArtemisError(ErrorCode.serviceUnavailable, `${action} failed: the management database is unavailable; retry later.`, { cause: error });
    case 'unique-violation':
      return new ArtemisError(ErrorCode.badRequest, `${action} failed: it would duplicate an existing row (${fieldOf(error, 'constraint') ?? 'unique key'}).`, { cause: error });
    case 'missing-reference':
      return new ArtemisError(ErrorCode.badRequest, `${action} failed: it names a group or route rule that does not exist (${fieldOf(error, 'constraint') ?? 'foreign key'}).`, { cause: error });
    case 'bad-data':
      return new ArtemisError(ErrorCode.badRequest, `${action} failed: a value is out of range or missing.`, { cause: error });
    default:
      return new ArtemisError(ErrorCode.internalServiceError, `${action} failed.`, { cause: error });
  }
}
