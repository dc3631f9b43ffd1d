import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { InstanceOperationLogTable, InstanceOperationRow } from '../database/tables/instance-operation.table.js';
import { isSet, now, sameText } from './sql-helpers.js';

/** An instance operation to record or complete. */
export interface InstanceOperationInput {
  readonly regionId: string;
  readonly serviceId: string;
  readonly instanceId: string;
  readonly operation: string;
  readonly operatorId: string;
  readonly token: string;
}

/**
 * Records operations on instances (`INSERT ... ON CONFLICT`): a repeat of the same
 * (region, service, instance, operation), in any case, updates the operator and token.
 */
export async function upsertInstanceOperations(db: ManagementDb, operations: readonly InstanceOperationInput[]): Promise<void> {
  if (operations.length === 0) return;
  await db
    .insertInto('instance')
    .values(operations.map((o) => ({ region_id: o.regionId, service_id: o.serviceId, instance_id: o.instanceId, operation: o.operation, operator_id: o.operatorId, token: o.token })))
    .onConflict((oc) =>
      oc.expression(sql`lower(region_id), lower(service_id), lower(instance_id), lower(operation)`).doUpdateSet((eb) => ({
        operator_id: eb.ref('excluded.operator_id'),
        token: eb.ref('excluded.token'),
        update_time: now,
      })),
    )
    .execute();
}

/** Completes operations: deletes the rows of each (region, service, instance, operation). */
export async function deleteInstanceOperations(db: ManagementDb, operations: readonly InstanceOperationInput[]): Promise<number> {
  let deleted = 0;
  for (const o of operations) {
    const result = await db
      .deleteFrom('instance')
      .where((eb) => eb.and([sameText('region_id', o.regionId), sameText('service_id', o.serviceId), sameText('instance_id', o.instanceId), sameText('operation', o.operation)]))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Deletes instance operations by id. */
export async function deleteInstanceOperationsByIds(db: ManagementDb, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.deleteFrom('instance').where('id', 'in', [...ids]).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every instance operation, oldest first; narrowed to a region and services when given. */
export async function selectInstanceOperations(db: ManagementDb, filter: { readonly regionId?: string | null; readonly serviceIds?: readonly string[] } = {}): Promise<InstanceOperationRow[]> {
  let query = db.selectFrom('instance').selectAll();
  if (isSet(filter.regionId)) query = query.where(sameText('region_id', filter.regionId));
  if (filter.serviceIds !== undefined) {
    const ids = filter.serviceIds.map((id) => id.toLowerCase());
    if (ids.length === 0) return [];
    query = query.where(sql<string>`lower(service_id)`, 'in', ids);
  }
  return query.orderBy('id').execute();
}

/** The operations recorded on one instance. */
export async function selectInstanceOperationsByKey(db: ManagementDb, key: { readonly regionId: string; readonly serviceId: string; readonly instanceId: string }): Promise<InstanceOperationRow[]> {
  return db
    .selectFrom('instance')
    .selectAll()
    .where((eb) => eb.and([sameText('region_id', key.regionId), sameText('service_id', key.serviceId), sameText('instance_id', key.instanceId)]))
    .orderBy('id')
    .execute();
}

/** Appends instance operation log rows. */
export async function insertInstanceOperationLogs(db: ManagementDb, rows: readonly Insertable<InstanceOperationLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('instance_log').values([...rows]).execute();
}
