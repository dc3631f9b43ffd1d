import {
  SUCCESS,
  type DeleteGroupInstancesRequest,
  type GetGroupInstancesRequest,
  type GroupInstancesRequest,
  type GroupInstancesResponse,
  type StatusResponse,
} from '@artemis/core';
import { deleteGroupInstancesByIds, insertGroupInstanceLogs, insertGroupInstances, selectGroupInstances } from '../repositories/group-instance.repository.js';
import type { ManagementStore } from './management-store.js';
import { requireGroups } from './references.js';
import { requireList, requireText, requireValue, writeContext } from './validation.js';

/** InstanceIds listed in groups (docs/java-reference.md §3.7): a listed instance belongs to the group whatever its group key. */
export class GroupInstanceService {
  constructor(private readonly store: ManagementStore) {}

  /** `insert-group-instances.json`: lists instanceIds in groups; already listed ones are left alone. */
  async insertGroupInstances(request: GroupInstancesRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const rows = requireList(request.groupInstances, 'groupInstances').map((row, i) => ({
      groupId: requireValue(row.groupId, `groupInstances[${i}].groupId`),
      instanceId: requireText(row.instanceId, `groupInstances[${i}].instanceId`),
    }));
    await this.store.write('insert group instances', async (tx) => {
      await requireGroups(tx, rows.map((row, i) => ({ id: row.groupId, path: `groupInstances[${i}].groupId` })));
      await insertGroupInstances(tx, rows);
      await insertGroupInstanceLogs(tx, rows.map((row) => ({ ...context, group_id: row.groupId, instance_id: row.instanceId })));
    });
    return { responseStatus: SUCCESS };
  }

  /** `delete-group-instances.json`: by id. */
  async deleteGroupInstances(request: DeleteGroupInstancesRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const ids = requireList(request.groupInstanceIds, 'groupInstanceIds');
    await this.store.write('delete group instances', async (tx) => {
      const deleted = await deleteGroupInstancesByIds(tx, ids);
      await insertGroupInstanceLogs(tx, deleted.map((row) => ({ ...context, group_id: row.group_id, instance_id: row.instance_id })));
    });
    return { responseStatus: SUCCESS };
  }

  /** `get-group-instances.json`: rows matching every given field. */
  async groupInstances(request: GetGroupInstancesRequest): Promise<GroupInstancesResponse> {
    const rows = await this.store.read('get group instances', (db) => selectGroupInstances(db, { groupId: request.groupId, instanceId: request.instanceId }));
    return { groupInstances: rows.map((row) => ({ groupId: row.group_id, id: row.id, instanceId: row.instance_id })), responseStatus: SUCCESS };
  }
}
