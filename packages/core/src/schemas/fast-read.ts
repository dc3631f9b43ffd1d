import { Limits } from '../limits.js';
import type { Metadata } from '../model/instance.js';
import { isValidIdentifier } from './identifier-rule.js';

// Readers for the hand-written fast decoders of hot request bodies. Each accepts exactly what
// the matching zod schema accepts, or answers REJECT so that the schema decides.

/** Marks a value the fast path does not accept; the schema then decides, and words the error. */
export const REJECT = Symbol('reject');

/** An optional string within `max` characters (null when absent), as the schemas' optional ids and texts read it. */
export function text(value: unknown, max: number): string | null | typeof REJECT {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && value.length <= max && !value.includes('\u0000') ? value : REJECT;
}

/** An optional identifier within `max` characters that passes the identifier rule, as the schemas' optional ids read it. */
export function id(value: unknown, max: number): string | null | typeof REJECT {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && value.length <= max && isValidIdentifier(value) ? value : REJECT;
}

/** Optional metadata within the metadata bounds, as the schemas' `metadata` reads it. */
export function metadataOf(value: unknown): Metadata | null | typeof REJECT {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value) || Object.hasOwn(value, '__proto__')) return REJECT;
  const entries = value as Record<string, unknown>;
  let count = 0;
  let chars = 0;
  for (const key in entries) {
    if (!Object.hasOwn(entries, key)) continue;
    const entry = entries[key];
    if (entry !== null && typeof entry !== 'string') return REJECT;
    if (key.includes('\u0000') || entry?.includes('\u0000') === true) return REJECT;
    count += 1;
    chars += key.length + (entry?.length ?? 0);
  }
  if (count > Limits.maxMetadataEntries || chars > Limits.maxMetadataChars) return REJECT;
  return { ...(entries as Metadata) };
}
