import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `lower(column) = lower(value)`: ids compare case-insensitively, as Java's MySQL collation did
 * and as protocol.md requires.
 */
export function sameText(column: string, value: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) = lower(${value})`;
}

/** A filter value that counts: not null and, for text, not blank (Java ignores blank filters). */
export function isSet<T>(value: T | null | undefined): value is T {
  if (value === null || value === undefined) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

/** `now()` for update_time columns. */
export const now = sql<Date>`now()`;
