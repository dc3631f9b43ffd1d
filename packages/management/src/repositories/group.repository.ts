import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { GroupLogTable, GroupRow } from '../database/tables/group.table.js';
import { isSet, now, sameText } from './sql-helpers.js';

/** A group as written: its key (service, region, zone, name) and its attributes. */
export interface GroupInput {
  readonly serviceId: string;
  readonly regionId: string;
  readonly zoneId: string;
  readonly name: string;
  readonly appId: string;
  readonly description: string | null;
  readonly status: string;
}

/** Filters of {@link selectGroups}; null or blank fields are ignored. */
export interface GroupFilter {
  readonly id?: number | null;
  readonly serviceId?: string | null;
  readonly regionId?: string | null;
  readonly zoneId?: string | null;
  readonly name?: string | null;
  readonly appId?: string | null;
  readonly status?: string | null;
}

const KEY = sql`lower(service_id), lower(region_id), lower(zone_id), lower(name)`;

function keyOf(group: GroupInput): string {
  return [group.serviceId, group.regionId, group.zoneId, group.name].join('\u0000').toLowerCase();
}

/** The last of each key: Postgres refuses an upsert that touches one row twice. */
function distinct(groups: readonly GroupInput[]): GroupInput[] {
  return [...new Map(groups.map((group) => [keyOf(group), group])).values()];
}

function values(group: GroupInput) {
  return {
    service_id: group.serviceId,
    region_id: group.regionId,
    zone_id: group.zoneId,
    name: group.name,
    app_id: group.appId,
    description: group.description,
    status: group.status,
  };
}

/** Upserts groups by key: an existing one (even soft-deleted) gets the new app, description and status, and is live again. */
export async function insertOrUpdateGroups(db: ManagementDb, groups: readonly GroupInput[]): Promise<GroupRow[]> {
  if (groups.length === 0) return [];
  return db
    .insertInto('service_group')
    .values(distinct(groups).map(values))
    .onConflict((oc) =>
      oc.expression(KEY).doUpdateSet((eb) => ({
        app_id: eb.ref('excluded.app_id'),
        description: eb.ref('excluded.description'),
        status: eb.ref('excluded.status'),
        deleted: false,
        update_time: now,
      })),
    )
    .returningAll()
    .execute();
}

/** Inserts groups that do not exist; an existing one keeps its attributes but is live again (Java's `insert`). */
export async function insertGroups(db: ManagementDb, groups: readonly GroupInput[]): Promise<GroupRow[]> {
  if (groups.length === 0) return [];
  return db
    .insertInto('service_group')
    .values(distinct(groups).map(values))
    .onConflict((oc) => oc.expression(KEY).doUpdateSet({ deleted: false, update_time: now }))
    .returningAll()
    .execute();
}

/** Soft-deletes groups; returns the rows as they were. */
export async function softDeleteGroups(db: ManagementDb, ids: readonly number[]): Promise<GroupRow[]> {
  if (ids.length === 0) return [];
  const before = await selectGroupsByIds(db, ids);
  // Only live rows: an already deleted one is left as it is, as its (absent) log row says.
  await db.updateTable('service_group').set({ deleted: true, update_time: now }).where('deleted', '=', false).where('id', 'in', [...ids]).execute();
  return before;
}

/** Live groups matching every set field of `filter`, oldest first. */
export async function selectGroups(db: ManagementDb, filter: GroupFilter = {}): Promise<GroupRow[]> {
  let query = db.selectFrom('service_group').selectAll().where('deleted', '=', false);
  if (isSet(filter.id)) query = query.where('id', '=', filter.id);
  if (isSet(filter.serviceId)) query = query.where(sameText('service_id', filter.serviceId));
  if (isSet(filter.regionId)) query = query.where(sameText('region_id', filter.regionId));
  if (isSet(filter.zoneId)) query = query.where(sameText('zone_id', filter.zoneId));
  if (isSet(filter.name)) query = query.where(sameText('name', filter.name));
  if (isSet(filter.appId)) query = query.where(sameText('app_id', filter.appId));
  if (isSet(filter.status)) query = query.where(sameText('status', filter.status));
  return query.orderBy('id').execute();
}

/** Live groups by id. */
export async function selectGroupsByIds(db: ManagementDb, ids: readonly number[]): Promise<GroupRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('service_group').selectAll().where('deleted', '=', false).where('id', 'in', [...ids]).orderBy('id').execute();
}

/** The group with this key, created (or revived) when missing (Java's `generateGroup`). */
export async function generateGroup(db: ManagementDb, group: GroupInput): Promise<GroupRow> {
  const [row] = await insertGroups(db, [group]);
  if (row === undefined) throw new Error('insert returned no group row');
  return row;
}

/** Appends group log rows. */
export async function insertGroupLogs(db: ManagementDb, rows: readonly Insertable<GroupLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('service_group_log').values([...rows]).execute();
}
