import type { ManagementDb } from '../database/management-tables.js';
import { badRequest } from './validation.js';

/** An id a write names, and where in the request it was (`groupTagsList[0].groupId`). */
export interface IdReference {
  readonly id: number;
  readonly path: string;
}

/** Which rows count as existing: live ones only, or soft-deleted ones too. */
export interface ReferenceOptions {
  readonly includeDeleted?: boolean;
}

/** Fails with `bad-request` naming the field when `id` cannot be a row id (ids start at 1). */
export function requireIdShape(reference: IdReference): void {
  if (!Number.isSafeInteger(reference.id) || reference.id < 1) throw badRequest(`${reference.path}: ${reference.id} is not a valid id`);
}

async function requireRows(db: ManagementDb, table: 'service_group' | 'service_route_rule', noun: string, references: readonly IdReference[], options: ReferenceOptions): Promise<void> {
  if (references.length === 0) return;
  for (const reference of references) requireIdShape(reference);
  const ids = [...new Set(references.map((reference) => reference.id))];
  let query = db.selectFrom(table).select('id').where('id', 'in', ids);
  if (options.includeDeleted !== true) query = query.where('deleted', '=', false);
  const found = new Set((await query.execute()).map((row) => row.id));
  const missing = references.find((reference) => !found.has(reference.id));
  if (missing !== undefined) throw badRequest(`${missing.path}: ${noun} ${missing.id} does not exist`);
}

/**
 * Fails with `bad-request` naming the first id that is not a live group (or, with
 * `includeDeleted`, not a group at all). Runs inside the write's transaction, under its lock,
 * so the answer still holds at commit; the foreign keys back it up.
 */
export function requireGroups(db: ManagementDb, references: readonly IdReference[], options: ReferenceOptions = {}): Promise<void> {
  return requireRows(db, 'service_group', 'group', references, options);
}

/** The same for route rules. */
export function requireRouteRules(db: ManagementDb, references: readonly IdReference[], options: ReferenceOptions = {}): Promise<void> {
  return requireRows(db, 'service_route_rule', 'route rule', references, options);
}
