import { ErrorCode, isErrorCode, type ResponseStatus } from '@artemis/core';

/**
 * A request the server answered with a failing `responseStatus` (or a refusal such as 401).
 * `code` is the protocol's error code (docs/errors.md); the subclasses name the cases callers
 * branch on.
 */
export class ArtemisRequestError extends Error {
  override readonly name: string = 'ArtemisRequestError';

  constructor(
    /** The protocol error code the server answered with. */
    readonly code: ErrorCode,
    message: string,
    /** The HTTP status of the answer. */
    readonly httpStatus: number,
    /** The node that answered. */
    readonly node: string,
  ) {
    super(message);
  }
}

/** 401: the request carried no token, or one the node does not accept. */
export class ArtemisUnauthenticatedError extends ArtemisRequestError {
  override readonly name = 'ArtemisUnauthenticatedError';
}

/** `no-permission` (HTTP 403 or 200): the token's role does not allow this, or the node does not serve that region. */
export class ArtemisPermissionError extends ArtemisRequestError {
  override readonly name = 'ArtemisPermissionError';
}

/** `bad-request` (or HTTP 400/404/405/413/415): the request is wrong; retrying it will not help. */
export class ArtemisBadRequestError extends ArtemisRequestError {
  override readonly name = 'ArtemisBadRequestError';
}

/** `data-not-found`. */
export class ArtemisNotFoundError extends ArtemisRequestError {
  override readonly name = 'ArtemisNotFoundError';
}

/** `rate-limited`: retry later. */
export class ArtemisRateLimitedError extends ArtemisRequestError {
  override readonly name = 'ArtemisRateLimitedError';
}

/** `service-unavailable`, `internal-service-error` or `unknown`: this node cannot serve it now. */
export class ArtemisUnavailableError extends ArtemisRequestError {
  override readonly name = 'ArtemisUnavailableError';
}

/** `partial_fail`: some items of a batch failed; `message` says which. */
export class ArtemisPartialFailureError extends ArtemisRequestError {
  override readonly name = 'ArtemisPartialFailureError';
}

/** No node could be reached (connection refused, DNS, timeout, or an answer that is not the protocol's). */
export class ArtemisUnreachableError extends Error {
  override readonly name = 'ArtemisUnreachableError';

  constructor(
    message: string,
    /** The nodes tried, in order, each with why it failed. */
    readonly attempts: readonly { readonly node: string; readonly reason: string }[],
  ) {
    super(message);
  }
}

/**
 * The one place where an answer's status becomes an exception class: by HTTP status for the
 * refusals made before a handler, else by the protocol's error code.
 */
export function errorFromStatus(status: ResponseStatus, httpStatus: number, node: string): ArtemisRequestError {
  const code: ErrorCode = isErrorCode(status.errorCode) ? status.errorCode : ErrorCode.unknown;
  const message = status.message === '' ? code : status.message;
  if (httpStatus === 401) return new ArtemisUnauthenticatedError(ErrorCode.noPermission, message, httpStatus, node);
  switch (code) {
    case ErrorCode.noPermission:
      return new ArtemisPermissionError(code, message, httpStatus, node);
    case ErrorCode.badRequest:
      return new ArtemisBadRequestError(code, message, httpStatus, node);
    case ErrorCode.dataNotFound:
      return new ArtemisNotFoundError(code, message, httpStatus, node);
    case ErrorCode.rateLimited:
      return new ArtemisRateLimitedError(code, message, httpStatus, node);
    case ErrorCode.partialFail:
      return new ArtemisPartialFailureError(code, message, httpStatus, node);
    case ErrorCode.success:
      // A success status on a failing HTTP answer: the HTTP status is the truth.
      return new ArtemisUnavailableError(ErrorCode.unknown, `HTTP ${httpStatus}`, httpStatus, node);
    default:
      return new ArtemisUnavailableError(code, message, httpStatus, node);
  }
}
