import { sql, type Insertable } from 'kysely';
import type { ManagementDb } from '../database/management-tables.js';
import type { GroupOperationLogTable, GroupOperationRow } from '../database/tables/group-operation.table.js';
import { sameText } from './sql-helpers.js';

/** An operation on a group. */
export interface GroupOperationInput {
  readonly groupId: number;
  readonly operation: string;
}

/** Records group operations; one already recorded (any case) is left as it is (`INSERT IGNORE`). */
export async function insertGroupOperations(db: ManagementDb, operations: readonly GroupOperationInput[]): Promise<void> {
  if (operations.length === 0) return;
  await db
    .insertInto('service_group_operation')
    .values(operations.map((o) => ({ group_id: o.groupId, operation: o.operation })))
    .onConflict((oc) => oc.expression(sql`group_id, lower(operation)`).doNothing())
    .execute();
}

/** Completes group operations: deletes each (group, operation). */
export async function deleteGroupOperations(db: ManagementDb, operations: readonly GroupOperationInput[]): Promise<number> {
  let deleted = 0;
  for (const o of operations) {
    const result = await db.deleteFrom('service_group_operation').where('group_id', '=', o.groupId).where(sameText('operation', o.operation)).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Every group operation, oldest first; of one group when given. */
export async function selectGroupOperations(db: ManagementDb, groupId?: number | null): Promise<GroupOperationRow[]> {
  let query = db.selectFrom('service_group_operation').selectAll();
  if (groupId !== undefined && groupId !== null) query = query.where('group_id', '=', groupId);
  return query.orderBy('id').execute();
}

/** Appends group operation log rows. */
export async function insertGroupOperationLogs(db: ManagementDb, rows: readonly Insertable<GroupOperationLogTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('service_group_operation_log').values([...rows]).execute();
}
