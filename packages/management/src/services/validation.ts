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
  /** See `OperationContext.operatorNote`; '' (the column's default) when absent. */
  readonly operator_note?: string;
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
    operator_note: optionalText(context.operatorNote),
    token: '',
    extensions: isBlank(context.extensions) ? '{}' : context.extensions,
    reason: optionalText(context.reason),
  };
}

/** The weights discovery serves: an integer 0-10000 (docs/management.md). */
export const WEIGHT_RANGE = { min: 0, max: 10_000 } as const;

/** The weight, or null when absent and `optional`; a bad-request naming the field when out of range. */
export function requireWeight(value: number | null | undefined, name: string, optional: boolean): number | null {
  if (value === null || value === undefined) {
    if (optional) return null;
    throw badRequest(`${name} is null`);
  }
  if (!Number.isInteger(value) || value < WEIGHT_RANGE.min || value > WEIGHT_RANGE.max) {
    throw badRequest(`${name}: ${value} is not a weight; an integer from ${WEIGHT_RANGE.min} to ${WEIGHT_RANGE.max} is expected`);
  }
  return value;
}

/**
 * The trimmed value if it is one of `allowed` (any case), returned in the protocol's spelling;
 * a bad-request naming the field and the allowed values otherwise.
 */
export function requireOneOf<T extends string>(value: string | null | undefined, name: string, allowed: readonly T[]): T {
  const text = requireText(value, name);
  const found = allowed.find((candidate) => candidate === text.toLowerCase());
  if (found === undefined) throw badRequest(`${name}: "${text}" is not one of ${allowed.join(', ')}`);
  return found;
}
