import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { RouteRuleGroupLogTable, RouteRuleGroupRow } from '../database/tables/route-rule-group.table.js';
import { isSet, now } from './sql-helpers.js';

/** A group's place in a route rule, with a weight. */
export interface RouteRuleGroupInput {
  readonly routeRuleId: number;
  readonly groupId: number;
  readonly weight: number | null;
}

/** Filters of {@link selectRouteRuleGroups}. */
export interface RouteRuleGroupFilter {
  readonly id?: number | null;
  readonly routeRuleId?: number | null;
  readonly groupId?: number | null;
}

const KEY = sql`route_rule_id, group_id`;

function distinct(rows: readonly RouteRuleGroupInput[]): RouteRuleGroupInput[] {
  return [...new Map(rows.map((row) => [`${row.routeRuleId}/${row.groupId}`, row])).values()];
}

/** Upserts by (rule, group), setting the **unreleased** weight only; discovery does not see it until a release. */
export async function insertOrUpdateRouteRuleGroups(db: ManagementDb, rows: readonly RouteRuleGroupInput[]): Promise<RouteRuleGroupRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('service_route_rule_group')
    .values(distinct(rows).map((row) => ({ route_rule_id: row.routeRuleId, group_id: row.groupId, unreleased_weight: row.weight })))
    .onConflict((oc) => oc.expression(KEY).doUpdateSet((eb) => ({ unreleased_weight: eb.ref('excluded.unreleased_weight'), update_time: now })))
    .returningAll()
    .execute();
}

/** Inserts (rule, group) rows that do not exist, with their unreleased weight; existing rows are left alone. */
export async function insertRouteRuleGroups(db: ManagementDb, rows: readonly RouteRuleGroupInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('service_route_rule_group')
    .values(distinct(rows).map((row) => ({ route_rule_id: row.routeRuleId, group_id: row.groupId, unreleased_weight: row.weight })))
    .onConflict((oc) => oc.expression(KEY).doNothing())
    .execute();
}

/** Releases: `weight := unreleased_weight` for each (rule, group). Returns the rows after the release. */
export async function releaseRouteRuleGroups(db: ManagementDb, pairs: readonly { readonly routeRuleId: number; readonly groupId: number }[]): Promise<RouteRuleGroupRow[]> {
  const released: RouteRuleGroupRow[] = [];
  for (const pair of pairs) {
    const rows = await db
      .updateTable('service_route_rule_group')
      .set((eb) => ({ weight: eb.ref('unreleased_weight'), update_time: now }))
      .where('route_rule_id', '=', pair.routeRuleId)
      .where('group_id', '=', pair.groupId)
      .returningAll()
      .execute();
    released.push(...rows);
  }
  return released;
}

/** Publishes a weight directly (released at once), creating the row when missing. */
export async function publishRouteRuleGroups(db: ManagementDb, rows: readonly RouteRuleGroupInput[]): Promise<RouteRuleGroupRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('service_route_rule_group')
    .values(distinct(rows).map((row) => ({ route_rule_id: row.routeRuleId, group_id: row.groupId, weight: row.weight })))
    .onConflict((oc) => oc.expression(KEY).doUpdateSet((eb) => ({ weight: eb.ref('excluded.weight'), update_time: now })))
    .returningAll()
    .execute();
}

/** Deletes rows by id; returns them as they were. */
export async function deleteRouteRuleGroups(db: ManagementDb, ids: readonly number[]): Promise<RouteRuleGroupRow[]> {
  if (ids.length === 0) return [];
  return db.deleteFrom('service_route_rule_group').where('id', 'in', [...ids]).returningAll().execute();
}

/** Rows matching every set field of `filter`, oldest first. */
export async function selectRouteRuleGroups(db: ManagementDb, filter: RouteRuleGroupFilter = {}): Promise<RouteRuleGroupRow[]> {
  let query = db.selectFrom('service_route_rule_group').selectAll();
  if (isSet(filter.id)) query = query.where('id', '=', filter.id);
  if (isSet(filter.routeRuleId)) query = query.where('route_rule_id', '=', filter.routeRuleId);
  if (isSet(filter.groupId)) query = query.where('group_id', '=', filter.groupId);
  return query.orderBy('id').execute();
}

/** The rows of the given (rule, group) pairs that exist. */
export async function selectRouteRuleGroupsOf(db: ManagementDb, pairs: readonly { readonly routeRuleId: number; readonly groupId: number }[]): Promise<RouteRuleGroupRow[]> {
  const valid = pairs.filter((pair) => Number.isSafeInteger(pair.routeRuleId) && Number.isSafeInteger(pair.groupId));
  if (valid.length === 0) return [];
  return db
    .selectFrom('service_route_rule_group')
    .selectAll()
    .where((eb) => eb.or(valid.map((pair) => eb.and([eb('route_rule_id', '=', pair.routeRuleId), eb('group_id', '=', pair.groupId)]))))
    .execute();
}

/** The row of (rule, group), created with `weight` as unreleased weight when missing. */
export async function generateRouteRuleGroup(db: ManagementDb, row: RouteRuleGroupInput): Promise<RouteRuleGroupRow> {
  await insertRouteRuleGroups(db, [row]);
  const [found] = await selectRouteRuleGroups(db, { routeRuleId: row.routeRuleId, groupId: row.groupId });
  if (found === undefined) throw new Error('route rule group vanished after insert');
  return found;
}

/** Appends route-rule-group log rows. */
export async function insertRouteRuleGroupLogs(db: ManagementDb, rows: readonly Insertable<RouteRuleGroupLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('service_route_rule_group_log').values([...rows]).execute();
}
