import { ArtemisError } from './artemis-error.js';
import { ErrorCode } from './error-codes.js';

/**
 * Why a request was refused by the security layer: `unauthenticated` (no valid token or wrong
 * credentials; HTTP 401 with `WWW-Authenticate: Bearer`), `forbidden` (a valid token whose role
 * or scope is too small; HTTP 403), `throttled` (too many failed logins; HTTP 429).
 */
export type AccessDenial = 'unauthenticated' | 'forbidden' | 'throttled';

/**
 * A request the security layer refused (docs/security.md). Answered in the protocol's shape
 * with `no-permission` (or `rate-limited` when throttled) and the HTTP status of its
 * {@link AccessDenial}.
 */
export class AccessDeniedError extends ArtemisError {
  constructor(
    readonly denial: AccessDenial,
    message: string,
    /** Seconds before a throttled caller may retry. */
    readonly retryAfterSeconds?: number,
  ) {
    super(denial === 'throttled' ? ErrorCode.rateLimited : ErrorCode.noPermission, message);
  }
}
