import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { RouteRuleLogTable, RouteRuleRow } from '../database/tables/route-rule.table.js';
import { isSet, now, sameText } from './sql-helpers.js';

/** A route rule as written; (service, name) is its key. */
export interface RouteRuleInput {
  readonly serviceId: string;
  readonly name: string;
  readonly description: string | null;
  readonly status: string;
  readonly strategy: string;
}

/** Filters of {@link selectRouteRules}; null or blank fields are ignored. */
export interface RouteRuleFilter {
  readonly id?: number | null;
  readonly serviceId?: string | null;
  readonly name?: string | null;
  readonly status?: string | null;
}

const KEY = sql`lower(service_id), lower(name)`;

function distinct(rules: readonly RouteRuleInput[]): RouteRuleInput[] {
  return [...new Map(rules.map((rule) => [`${rule.serviceId}\u0000${rule.name}`.toLowerCase(), rule])).values()];
}

function values(rule: RouteRuleInput) {
  return { service_id: rule.serviceId, name: rule.name, description: rule.description, status: rule.status, strategy: rule.strategy };
}

/** Upserts route rules by key: an existing one (even soft-deleted) gets the new description, status and strategy. */
export async function insertOrUpdateRouteRules(db: ManagementDb, rules: readonly RouteRuleInput[]): Promise<RouteRuleRow[]> {
  if (rules.length === 0) return [];
  return db
    .insertInto('service_route_rule')
    .values(distinct(rules).map(values))
    .onConflict((oc) =>
      oc.expression(KEY).doUpdateSet((eb) => ({
        description: eb.ref('excluded.description'),
        status: eb.ref('excluded.status'),
        strategy: eb.ref('excluded.strategy'),
        deleted: false,
        update_time: now,
      })),
    )
    .returningAll()
    .execute();
}

/** Inserts route rules that do not exist; an existing one keeps its attributes but is live again. */
export async function insertRouteRules(db: ManagementDb, rules: readonly RouteRuleInput[]): Promise<RouteRuleRow[]> {
  if (rules.length === 0) return [];
  return db
    .insertInto('service_route_rule')
    .values(distinct(rules).map(values))
    .onConflict((oc) => oc.expression(KEY).doUpdateSet({ deleted: false, update_time: now }))
    .returningAll()
    .execute();
}

/** Soft-deletes route rules; returns the rows as they were. */
export async function softDeleteRouteRules(db: ManagementDb, ids: readonly number[]): Promise<RouteRuleRow[]> {
  if (ids.length === 0) return [];
  const before = await selectRouteRulesByIds(db, ids);
  // Only live rows: an already deleted one is left as it is, as its (absent) log row says.
  await db.updateTable('service_route_rule').set({ deleted: true, update_time: now }).where('deleted', '=', false).where('id', 'in', [...ids]).execute();
  return before;
}

/** Live route rules matching every set field of `filter`, oldest first. */
export async function selectRouteRules(db: ManagementDb, filter: RouteRuleFilter = {}): Promise<RouteRuleRow[]> {
  let query = db.selectFrom('service_route_rule').selectAll().where('deleted', '=', false);
  if (isSet(filter.id)) query = query.where('id', '=', filter.id);
  if (isSet(filter.serviceId)) query = query.where(sameText('service_id', filter.serviceId));
  if (isSet(filter.name)) query = query.where(sameText('name', filter.name));
  if (isSet(filter.status)) query = query.where(sameText('status', filter.status));
  return query.orderBy('id').execute();
}

/** Live route rules by id. */
export async function selectRouteRulesByIds(db: ManagementDb, ids: readonly number[]): Promise<RouteRuleRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('service_route_rule').selectAll().where('deleted', '=', false).where('id', 'in', [...ids]).orderBy('id').execute();
}

/** The route rule with this key, created (or revived) when missing. */
export async function generateRouteRule(db: ManagementDb, rule: RouteRuleInput): Promise<RouteRuleRow> {
  const [row] = await insertRouteRules(db, [rule]);
  if (row === undefined) throw new Error('insert returned no route rule row');
  return row;
}

/** Appends route rule log rows. */
export async function insertRouteRuleLogs(db: ManagementDb, rows: readonly Insertable<RouteRuleLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('service_route_rule_log').values([...rows]).execute();
}
