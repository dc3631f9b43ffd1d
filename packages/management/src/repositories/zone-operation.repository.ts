import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { ZoneOperationLogTable, ZoneOperationRow } from '../database/tables/zone-operation.table.js';
import { isSet, sameText } from './sql-helpers.js';

/** An operation on a zone of a service. */
export interface ZoneOperationInput {
  readonly serviceId: string;
  readonly regionId: string;
  readonly zoneId: string;
  readonly operation: string;
}

/** Filters of {@link selectZoneOperations}. */
export interface ZoneOperationFilter {
  readonly regionId?: string | null;
  readonly serviceId?: string | null;
  readonly zoneId?: string | null;
}

/** Records zone operations; one already recorded (any case) is left as it is (`INSERT IGNORE`). */
export async function insertZoneOperations(db: ManagementDb, operations: readonly ZoneOperationInput[]): Promise<void> {
  if (operations.length === 0) return;
  await db
    .insertInto('service_zone')
    .values(operations.map((o) => ({ service_id: o.serviceId, region_id: o.regionId, zone_id: o.zoneId, operation: o.operation })))
    .onConflict((oc) => oc.expression(sql`lower(service_id), lower(region_id), lower(zone_id), lower(operation)`).doNothing())
    .execute();
}

/** Completes zone operations: deletes each (service, region, zone, operation). */
export async function deleteZoneOperations(db: ManagementDb, operations: readonly ZoneOperationInput[]): Promise<number> {
  let deleted = 0;
  for (const o of operations) {
    const result = await db
      .deleteFrom('service_zone')
      .where((eb) => eb.and([sameText('service_id', o.serviceId), sameText('region_id', o.regionId), sameText('zone_id', o.zoneId), sameText('operation', o.operation)]))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Zone operations matching every set field, oldest first. */
export async function selectZoneOperations(db: ManagementDb, filter: ZoneOperationFilter = {}): Promise<ZoneOperationRow[]> {
  let query = db.selectFrom('service_zone').selectAll();
  if (isSet(filter.regionId)) query = query.where(sameText('region_id', filter.regionId));
  if (isSet(filter.serviceId)) query = query.where(sameText('service_id', filter.serviceId));
  if (isSet(filter.zoneId)) query = query.where(sameText('zone_id', filter.zoneId));
  return query.orderBy('id').execute();
}

/** Appends zone operation log rows. */
export async function insertZoneOperationLogs(db: ManagementDb, rows: readonly Insertable<ZoneOperationLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('service_zone_log').values([...rows]).execute();
}
