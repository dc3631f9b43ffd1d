import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { GroupTagLogTable, GroupTagRow } from '../database/tables/group-tag.table.js';
import { isSet, now, sameText } from './sql-helpers.js';

/** A tag of a group. */
export interface GroupTagInput {
  readonly groupId: number;
  readonly tag: string;
  readonly value: string;
}

/** Conditions of {@link deleteGroupTags}: each set field must match. */
export interface GroupTagFilter {
  readonly groupId?: number | null;
  readonly tag?: string | null;
  readonly value?: string | null;
}

/** Upserts tags by (group, tag): an existing tag gets the new value. */
export async function upsertGroupTags(db: ManagementDb, tags: readonly GroupTagInput[]): Promise<void> {
  if (tags.length === 0) return;
  const distinct = [...new Map(tags.map((t) => [`${t.groupId}\u0000${t.tag.toLowerCase()}`, t])).values()];
  await db
    .insertInto('service_group_tag')
    .values(distinct.map((t) => ({ group_id: t.groupId, tag: t.tag, value: t.value })))
    .onConflict((oc) => oc.expression(sql`group_id, lower(tag)`).doUpdateSet((eb) => ({ tag: eb.ref('excluded.tag'), value: eb.ref('excluded.value'), update_time: now })))
    .execute();
}

/** Deletes the tags matching every set condition; returns them. At least one condition is required. */
export async function deleteGroupTags(db: ManagementDb, filter: GroupTagFilter): Promise<GroupTagRow[]> {
  let query = db.deleteFrom('service_group_tag');
  if (isSet(filter.groupId)) query = query.where('group_id', '=', filter.groupId);
  if (isSet(filter.tag)) query = query.where(sameText('tag', filter.tag));
  if (isSet(filter.value)) query = query.where('value', '=', filter.value);
  if (!isSet(filter.groupId) && !isSet(filter.tag) && !isSet(filter.value)) return [];
  return query.returningAll().execute();
}

/** Every tag, oldest first; of one group when given. */
export async function selectGroupTags(db: ManagementDb, groupId?: number | null): Promise<GroupTagRow[]> {
  let query = db.selectFrom('service_group_tag').selectAll();
  if (groupId !== undefined && groupId !== null) query = query.where('group_id', '=', groupId);
  return query.orderBy('id').execute();
}

/** Appends group tag log rows. */
export async function insertGroupTagLogs(db: ManagementDb, rows: readonly Insertable<GroupTagLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('service_group_tag_log').values([...rows]).execute();
}
