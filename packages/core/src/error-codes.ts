/**
 * The protocol's error codes, exactly as they travel on the wire (docs/java-reference.md §1.4).
 * Note the mixed separators: `partial_fail` uses an underscore, the rest use hyphens.
 *
 * @example
 * ```ts
 * import { ErrorCode } from '@artemis/core';
 * if (failed.errorCode === ErrorCode.dataNotFound) reRegister(failed.instance);
 * ```
 */
export const ErrorCode = {
  success: 'success',
  partialFail: 'partial_fail',
  badRequest: 'bad-request',
  rateLimited: 'rate-limited',
  noPermission: 'no-permission',
  dataNotFound: 'data-not-found',
  internalServiceError: 'internal-service-error',
  serviceUnavailable: 'service-unavailable',
  unknown: 'unknown',
} as const;

/** One of the protocol's error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every error code, in catalog order. */
export const errorCodes: readonly ErrorCode[] = Object.values(ErrorCode);

/** What each code means, for docs/errors.md and for operators reading a response. */
export const errorCodeMeanings: Readonly<Record<ErrorCode, string>> = {
  success: 'The request succeeded.',
  partial_fail: 'Some instances of a batch failed; see failedInstances. The others were applied.',
  'bad-request': 'The request is malformed, too large, or breaks a validation rule; nothing was applied.',
  'rate-limited': 'Too many requests for this operation in the last 10 s; retry later.',
  'no-permission': 'The request targets another region or zone than this node serves, or lacks the rights.',
  'data-not-found': 'The data does not exist: for a heartbeat, the lease is unknown or expired and the instance must re-register; for a delta, the version is no longer retained.',
  'internal-service-error': 'The server failed while handling the request.',
  'service-unavailable': 'The node cannot serve this now (not up, or a dependency such as the database is down).',
  unknown: 'An unclassified failure; clients treat it as retryable.',
};

/** True when `value` is one of the protocol's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
