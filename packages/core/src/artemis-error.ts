import type { ErrorCode } from './error-codes.js';

/**
 * The one error class of Artemis. Every failure that reaches a caller carries a protocol
 * {@link ErrorCode}; the web layer maps codes to HTTP statuses and `responseStatus` bodies in
 * exactly one place.
 *
 * @example
 * ```ts
 * import { ArtemisError, ErrorCode } from '@artemis/core';
 * throw new ArtemisError(ErrorCode.badRequest, 'serviceId is blank');
 * ```
 */
export class ArtemisError extends Error {
  override readonly name = 'ArtemisError';

  constructor(
    /** The protocol code this failure is answered with. */
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
