import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { ServiceInstanceLogTable, ServiceInstanceRow, ServiceInstanceTable } from '../database/tables/service-instance.table.js';
import { isSet, now, sameText } from './sql-helpers.js';

/** A logical instance as written (metadata already JSON text). */
export type ServiceInstanceInput = Omit<Insertable<ServiceInstanceTable>, 'id' | 'create_time' | 'update_time'>;

/** Filters of {@link selectServiceInstances}. */
export interface ServiceInstanceFilter {
  readonly serviceId?: string | null;
  readonly instanceId?: string | null;
}

/** Upserts logical instances by (service, instanceId): an existing one gets every new field. */
export async function upsertServiceInstances(db: ManagementDb, rows: readonly ServiceInstanceInput[]): Promise<ServiceInstanceRow[]> {
  if (rows.length === 0) return [];
  const distinct = [...new Map(rows.map((row) => [`${row.service_id}\u0000${row.instance_id}`.toLowerCase(), row])).values()];
  return db
    .insertInto('service_instance')
    .values(distinct)
    .onConflict((oc) =>
      oc.expression(sql`lower(service_id), lower(instance_id)`).doUpdateSet((eb) => ({
        service_id: eb.ref('excluded.service_id'),
        instance_id: eb.ref('excluded.instance_id'),
        ip: eb.ref('excluded.ip'),
        machine_name: eb.ref('excluded.machine_name'),
        metadata: eb.ref('excluded.metadata'),
        port: eb.ref('excluded.port'),
        protocol: eb.ref('excluded.protocol'),
        region_id: eb.ref('excluded.region_id'),
        zone_id: eb.ref('excluded.zone_id'),
        group_id: eb.ref('excluded.group_id'),
        health_check_url: eb.ref('excluded.health_check_url'),
        url: eb.ref('excluded.url'),
        description: eb.ref('excluded.description'),
        update_time: now,
      })),
    )
    .returningAll()
    .execute();
}

/** Deletes by id; returns the rows deleted. */
export async function deleteServiceInstancesByIds(db: ManagementDb, ids: readonly number[]): Promise<ServiceInstanceRow[]> {
  if (ids.length === 0) return [];
  return db.deleteFrom('service_instance').where('id', 'in', [...ids]).returningAll().execute();
}

/** Deletes each (service, instanceId); returns the rows deleted. */
export async function deleteServiceInstancesByFilter(db: ManagementDb, keys: readonly { readonly serviceId: string; readonly instanceId: string }[]): Promise<ServiceInstanceRow[]> {
  const deleted: ServiceInstanceRow[] = [];
  for (const key of keys) {
    deleted.push(...(await db.deleteFrom('service_instance').where(sameText('service_id', key.serviceId)).where(sameText('instance_id', key.instanceId)).returningAll().execute()));
  }
  return deleted;
}

/** Rows matching every set field, oldest first. */
export async function selectServiceInstances(db: ManagementDb, filter: ServiceInstanceFilter = {}): Promise<ServiceInstanceRow[]> {
  let query = db.selectFrom('service_instance').selectAll();
  if (isSet(filter.serviceId)) query = query.where(sameText('service_id', filter.serviceId));
  if (isSet(filter.instanceId)) query = query.where(sameText('instance_id', filter.instanceId));
  return query.orderBy('id').execute();
}

/** Appends logical instance log rows. */
export async function insertServiceInstanceLogs(db: ManagementDb, rows: readonly Insertable<ServiceInstanceLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('service_instance_log').values([...rows]).execute();
}
