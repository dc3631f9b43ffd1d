import type { z } from 'zod';
import { ArtemisError } from '../artemis-error.js';
import { ErrorCode } from '../error-codes.js';

/** A runtime schema of a protocol message (a zod schema; the type keeps zod out of callers' imports). */
export type Schema<T> = z.ZodType<T>;

/** At most this many problems are listed in one error message. */
const MAX_LISTED_ISSUES = 3;

function formatPath(path: readonly PropertyKey[], root: string): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? root : text;
}

/** Turns schema issues into one readable line: `instances[2].port: must be an integer; ...`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root = 'request'): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `${formatPath(issue.path, root)}: ${issue.message}`);
  const more = issues.length > MAX_LISTED_ISSUES ? ` (and ${issues.length - MAX_LISTED_ISSUES} more)` : '';
  return listed.join('; ') + more;
}

/**
 * Validates a decoded JSON value against a schema; a mismatch throws a `bad-request`
 * {@link ArtemisError} naming the offending fields.
 *
 * @example
 * ```ts
 * import { decode, instancesRequestSchema } from '@artemis/core';
 * const request = decode(instancesRequestSchema, JSON.parse(body));
 * ```
 */
export function decode<T>(schema: Schema<T>, value: unknown): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ArtemisError(ErrorCode.badRequest, 'request: the body must be a JSON object');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ArtemisError(ErrorCode.badRequest, describeIssues(result.error.issues));
  return result.data;
}
