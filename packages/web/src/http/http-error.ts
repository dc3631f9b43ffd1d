import { ArtemisError, ErrorCode } from '@artemis/core';

/**
 * A request refused before it reaches a handler (malformed JSON, body too large, unknown path,
 * wrong method or media type). It travels with the HTTP status it is answered with and the
 * protocol's `bad-request` code.
 */
export class HttpError extends ArtemisError {
  constructor(
    readonly httpStatus: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(ErrorCode.badRequest, message, options);
  }
}
