import { ErrorCode } from './error-codes.js';

/** `status` values of a {@link ResponseStatus} (Java's `ResponseStatus.Status`). */
export const ResponseStatusKind = {
  success: 'success',
  fail: 'fail',
  partialFail: 'partial_fail',
  unknown: 'unknown',
} as const;

/** One of the `status` values of a {@link ResponseStatus}. */
export type ResponseStatusKind = (typeof ResponseStatusKind)[keyof typeof ResponseStatusKind];

/**
 * The envelope every response carries: `{"errorCode","message","status"}`.
 * Business errors travel as HTTP 200 with a failing status (docs/java-reference.md §1.3).
 */
export interface ResponseStatus {
  readonly errorCode: string;
  readonly message: string;
  readonly status: string;
}

/** The canonical success: the message is the empty string, never null. */
export const SUCCESS: ResponseStatus = Object.freeze({ errorCode: ErrorCode.success, message: '', status: ResponseStatusKind.success });

/** The canonical rate-limited answer. */
export const RATE_LIMITED: ResponseStatus = Object.freeze({
  errorCode: ErrorCode.rateLimited,
  message: 'Request is rate limited.',
  status: ResponseStatusKind.fail,
});

/**
 * A failing status.
 *
 * @example
 * ```ts
 * import { failStatus, ErrorCode } from '@artemis/core';
 * const status = failStatus(ErrorCode.badRequest, 'request.instances is null or empty.');
 * ```
 */
export function failStatus(errorCode: ErrorCode, message: string): ResponseStatus {
  return { errorCode, message, status: ResponseStatusKind.fail };
}

/** A partial failure of a batch; `message` summarises the failed instances. */
export function partialFailStatus(message: string): ResponseStatus {
  return { errorCode: ErrorCode.partialFail, message, status: ResponseStatusKind.partialFail };
}

/** True when the status reports success. */
export function isSuccessStatus(status: ResponseStatus | null | undefined): boolean {
  return status?.status === ResponseStatusKind.success;
}

/** "Rerunnable" in Java's terms: a failure a client should simply retry (`rate-limited`, `unknown`). */
export function isRerunnableStatus(status: ResponseStatus | null | undefined): boolean {
  return status?.status === ResponseStatusKind.fail && (status.errorCode === ErrorCode.rateLimited || status.errorCode === ErrorCode.unknown);
}

/** "Service down" in Java's terms: the node cannot serve; a client should try another node. */
export function isServiceDownStatus(status: ResponseStatus | null | undefined): boolean {
  return (
    status?.status === ResponseStatusKind.fail &&
    (status.errorCode === ErrorCode.internalServiceError || status.errorCode === ErrorCode.serviceUnavailable)
  );
}
