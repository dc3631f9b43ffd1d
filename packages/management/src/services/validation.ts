import { ArtemisError, ErrorCode, isBlank, type OperationContext } from '@artemis/core';

/** A bad-request failure with Java's wording (`x is null or empty`). */
export function badRequest(message: string): ArtemisError {
  return new ArtemisError(ErrorCode.badRequest, message);
}

/** The trimmed text, or a bad-request naming the field when it is blank. */
export function requireText(value: string | null | undefined, name: string): string {
  if (isBlank(value)) throw badRequest(`${name} is null or empty`);
  return value.trim();
}

/** The value, or a bad-request naming the field when it is null. */
export function requireValue<T>(value: T | null | undefined, name: string): T {
  if (value === null || value === undefined) throw badRequest(`${name} is null`);
  return value;
}

/** The list, or a bad-request naming it when it is null or empty. */
export function requireList<T>(value: readonly T[] | null | undefined, name: string): readonly T[] {
  if (value === null || value === undefined || value.length === 0) throw badRequest(`${name} is null or empty`);
  return value;
}

/** Trimmed optional text, stored as '' when absent. */
export function optionalText(value: string | null | undefined): string {
  return value?.trim() ?? '';
}

/** The operator fields every log row carries. */
export interface WriteContext {
  readonly operation: string;
  readonly operator_id: string;
  readonly token: string;
  readonly extensions: string;
  readonly reason: string;
}

/**
 * Reads the OperationContext of a write. `operatorId` is always required (every write is
 * logged with who made it); `operation` too, unless the endpoint names it (`fallbackOperation`).
 * Java also demanded a token it never checked; we never store it (docs/security.md): callers
 * authenticate with a bearer token instead, and log endpoints used to hand the field out.
 */
export function writeContext(context: OperationContext, fallbackOperation?: string): WriteContext {
  const operation = isBlank(context.operation) && fallbackOperation !== undefined ? fallbackOperation : requireText(context.operation, 'operation');
  return {
    operation,
    operator_id: requireText(context.operatorId, 'operatorId'),
    token: '',
    extensions: isBlank(context.extensions) ? '{}' : context.extensions,
    reason: optionalText(context.reason),
  };
}
