import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { ServerOperationLogTable, ServerOperationRow } from '../database/tables/server-operation.table.js';
import { isSet, now, sameText } from './sql-helpers.js';

/** A server operation to record or complete. */
export interface ServerOperationInput {
  readonly regionId: string;
  readonly serverId: string;
  readonly operation: string;
  readonly operatorId: string;
  readonly token: string;
}

/** Records operations on servers; a repeat (any case) updates the operator and token. */
export async function upsertServerOperations(db: ManagementDb, operations: readonly ServerOperationInput[]): Promise<void> {
  if (operations.length === 0) return;
  await db
    .insertInto('server')
    .values(operations.map((o) => ({ region_id: o.regionId, server_id: o.serverId, operation: o.operation, operator_id: o.operatorId, token: o.token })))
    .onConflict((oc) =>
      oc.expression(sql`lower(region_id), lower(server_id), lower(operation)`).doUpdateSet((eb) => ({
        operator_id: eb.ref('excluded.operator_id'),
        token: eb.ref('excluded.token'),
        update_time: now,
      })),
    )
    .execute();
}

/** Completes operations: deletes the rows of each (region, server, operation). */
export async function deleteServerOperations(db: ManagementDb, operations: readonly ServerOperationInput[]): Promise<number> {
  let deleted = 0;
  for (const o of operations) {
    const result = await db
      .deleteFrom('server')
      .where((eb) => eb.and([sameText('region_id', o.regionId), sameText('server_id', o.serverId), sameText('operation', o.operation)]))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Deletes every operation of the given servers (Java's `destroyServers`). */
export async function destroyServers(db: ManagementDb, servers: readonly { readonly regionId: string; readonly serverId: string }[]): Promise<number> {
  let deleted = 0;
  for (const s of servers) {
    const result = await db.deleteFrom('server').where((eb) => eb.and([sameText('region_id', s.regionId), sameText('server_id', s.serverId)])).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Every server operation, oldest first; narrowed to a region when given. */
export async function selectServerOperations(db: ManagementDb, filter: { readonly regionId?: string | null } = {}): Promise<ServerOperationRow[]> {
  let query = db.selectFrom('server').selectAll();
  if (isSet(filter.regionId)) query = query.where(sameText('region_id', filter.regionId));
  return query.orderBy('id').execute();
}

/** The operations recorded on one server. */
export async function selectServerOperationsByKey(db: ManagementDb, key: { readonly regionId: string; readonly serverId: string }): Promise<ServerOperationRow[]> {
  return db
    .selectFrom('server')
    .selectAll()
    .where((eb) => eb.and([sameText('region_id', key.regionId), sameText('server_id', key.serverId)]))
    .orderBy('id')
    .execute();
}

/** Appends server operation log rows. */
export async function insertServerOperationLogs(db: ManagementDb, rows: readonly Insertable<ServerOperationLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('server_log').values([...rows]).execute();
}
