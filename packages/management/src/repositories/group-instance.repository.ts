import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { GroupInstanceLogTable, GroupInstanceRow } from '../database/tables/group-instance.table.js';
import { isSet, sameText } from './sql-helpers.js';

/** An instanceId listed in a group. */
export interface GroupInstanceInput {
  readonly groupId: number;
  readonly instanceId: string;
}

/** Filters of {@link selectGroupInstances}. */
export interface GroupInstanceFilter {
  readonly groupId?: number | null;
  readonly instanceId?: string | null;
}

/** Lists instanceIds in groups; one already listed (any case) is left as it is (`INSERT IGNORE`). */
export async function insertGroupInstances(db: ManagementDb, rows: readonly GroupInstanceInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('service_group_instance')
    .values(rows.map((row) => ({ group_id: row.groupId, instance_id: row.instanceId })))
    .onConflict((oc) => oc.expression(sql`group_id, lower(instance_id)`).doNothing())
    .execute();
}

/** Deletes by id; returns the rows deleted. */
export async function deleteGroupInstancesByIds(db: ManagementDb, ids: readonly number[]): Promise<GroupInstanceRow[]> {
  if (ids.length === 0) return [];
  return db.deleteFrom('service_group_instance').where('id', 'in', [...ids]).returningAll().execute();
}

/** Deletes each (group, instanceId); returns the rows deleted. */
export async function deleteGroupInstancesByFilter(db: ManagementDb, rows: readonly GroupInstanceInput[]): Promise<GroupInstanceRow[]> {
  const deleted: GroupInstanceRow[] = [];
  for (const row of rows) {
    deleted.push(...(await db.deleteFrom('service_group_instance').where('group_id', '=', row.groupId).where(sameText('instance_id', row.instanceId)).returningAll().execute()));
  }
  return deleted;
}

/** Rows matching every set field, oldest first. */
export async function selectGroupInstances(db: ManagementDb, filter: GroupInstanceFilter = {}): Promise<GroupInstanceRow[]> {
  let query = db.selectFrom('service_group_instance').selectAll();
  if (isSet(filter.groupId)) query = query.where('group_id', '=', filter.groupId);
  if (isSet(filter.instanceId)) query = query.where(sameText('instance_id', filter.instanceId));
  return query.orderBy('id').execute();
}

/** Appends group instance log rows. */
export async function insertGroupInstanceLogs(db: ManagementDb, rows: readonly Insertable<GroupInstanceLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('service_group_instance_log').values([...rows]).execute();
}
