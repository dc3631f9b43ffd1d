import { z } from 'zod';
import { Limits } from '../limits.js';
import { identifierProblem } from './identifier-rule.js';

/** An id-like string: bounded by {@link Limits.maxIdLength}, well-formed Unicode without control characters. */
export const idString = z
  .string()
  .max(Limits.maxIdLength, `must be at most ${Limits.maxIdLength} characters`)
  .superRefine((value, ctx) => {
    const problem = identifierProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An optional id-like string: absent or null reads as null; otherwise as {@link idString}. */
export const optionalId = idString.nullish().transform((value) => value ?? null);

/** Why free text cannot be stored (Postgres text holds no NUL), or null. */
function nulProblem(value: string): string | null {
  const at = value.indexOf('\u0000');
  return at < 0 ? null : `must not contain NUL (U+0000): found at position ${at}`;
}

/** An optional free-text string: absent or null reads as null; bounded by {@link Limits.maxTextLength}, without NUL. */
export const optionalText = z
  .string()
  .max(Limits.maxTextLength, `must be at most ${Limits.maxTextLength} characters`)
  .superRefine((value, ctx) => {
    const problem = nulProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .nullish()
  .transform((value) => value ?? null);

/** A port: an integer 0-65535; absent or null reads as 0, as Jackson reads a null int. */
export const port = z
  .number()
  .int('must be an integer')
  .min(0, 'must be between 0 and 65535')
  .max(65_535, 'must be between 0 and 65535')
  .nullish()
  .transform((value) => value ?? 0);

/** A long such as a version: absent or null reads as 0. */
export const optionalLong = z
  .number()
  .int('must be an integer')
  .nullish()
  .transform((value) => value ?? 0);

/** A boolean: absent or null reads as false, as Jackson reads a null boolean. */
export const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((value) => value ?? false);

/** String metadata, bounded by entries and characters; absent or null reads as null. */
export const metadata = z
  .record(z.string(), z.string().nullable())
  .superRefine((value, ctx) => {
    const keys = Object.keys(value);
    if (keys.length > Limits.maxMetadataEntries) {
      ctx.addIssue({ code: 'custom', message: `has ${keys.length} entries, at most ${Limits.maxMetadataEntries} are allowed` });
      return;
    }
    let chars = 0;
    for (const key of keys) chars += key.length + (value[key]?.length ?? 0);
    if (chars > Limits.maxMetadataChars) {
      ctx.addIssue({ code: 'custom', message: `has ${chars} characters, at most ${Limits.maxMetadataChars} are allowed` });
      return;
    }
    for (const key of keys) {
      const problem = nulProblem(key) ?? nulProblem(value[key] ?? '');
      if (problem !== null) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
  })
  .nullish()
  .transform((value) => value ?? null);

/** A bounded list that may be absent or null (read as null). */
export function optionalList<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max, `has too many items: at most ${max} are allowed`)
    .nullish()
    .transform((value) => value ?? null);
}
