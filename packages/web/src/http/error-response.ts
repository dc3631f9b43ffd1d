import { ArtemisError, ErrorCode, failStatus } from '@artemis/core';
import type { Logger } from '@artemis/server';
import { HttpError } from './http-error.js';

/** An error as the client receives it. */
export interface ErrorReply {
  readonly status: number;
  readonly body: string;
}

/**
 * The one place where errors become responses. Refusals before the handler keep their HTTP
 * status (400, 404, 405, 413, 415); protocol errors are HTTP 200 with a failing
 * `responseStatus`, as Java clients expect; anything else is a bug, logged, and answered as
 * `internal-service-error` without internals.
 */
export function errorReply(error: unknown, logger: Logger, operation: string, requestId?: string): ErrorReply {
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
