import type { OutgoingHttpHeaders } from 'node:http';
import { AccessDeniedError, ArtemisError, ErrorCode, failStatus } from '@artemis/core';
import type { Logger } from '@artemis/server';
import { HttpError } from './http-error.js';

/** An error as the client receives it. */
export interface ErrorReply {
  readonly status: number;
  readonly body: string;
  /** Headers the answer needs (`WWW-Authenticate`, `Retry-After`). */
  readonly headers?: OutgoingHttpHeaders;
}

const ACCESS_STATUS = { unauthenticated: 401, forbidden: 403, throttled: 429 } as const;

/**
 * The one place where errors become responses. Refusals before the handler keep their HTTP
 * status (400, 404, 405, 413, 415); access refusals are 401 (with `WWW-Authenticate`), 403 or
 * 429 in the protocol's shape; protocol errors are HTTP 200 with a failing
 * `responseStatus`, as Java clients expect; anything else is a bug, logged, and answered as
 * `internal-service-error` without internals.
 */
export function errorReply(error: unknown, logger: Logger, operation: string, requestId?: string): ErrorReply {
  if (error instanceof AccessDeniedError) {
    const headers: OutgoingHttpHeaders = {};
    if (error.denial === 'unauthenticated') headers['WWW-Authenticate'] = 'Bearer realm="artemis"';
    if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
    return { status: ACCESS_STATUS[error.denial], body: JSON.stringify({ responseStatus: failStatus(error.code, error.message) }), headers };
  }
  if (error instanceof HttpError) {
    return { status: error.httpStatus, body: JSON.stringify({ responseStatus: failStatus(error.code, error.message) }) };
  }
  if (error instanceof ArtemisError) {
    return { status: 200, body: JSON.stringify({ responseStatus: failStatus(error.code, error.message) }) };
  }
  logger.error('request failed', { operation, ...(requestId === undefined ? {} : { requestId }), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return {
    status: 200,
    body: JSON.stringify({ responseStatus: failStatus(ErrorCode.internalServiceError, `${operation} failed on the server; see its log.`) }),
  };
}
