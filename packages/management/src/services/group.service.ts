import {
  isBlank,
  ManagementStatus,
  RATE_LIMITED,
  SUCCESS,
  type AllGroupOperationsResponse,
  type AllGroupTagsResponse,
  type DeleteGroupTagsRequest,
  type DeleteGroupsRequest,
  type GetGroupOperationsRequest,
  type GetGroupTagsRequest,
  type GetGroupsRequest,
  type Group,
  type GroupOperationsResponse,
  type GroupTagsRequest,
  type GroupTagsResponse,
  type GroupsRequest,
  type GroupsResponse,
  type OperateGroupOperationRequest,
  type OperateGroupOperationsRequest,
  type StatusResponse,
} from '@artemis/core';
import type { RateLimiter } from '@artemis/server';
import type { GroupRow } from '../database/tables/group.table.js';
import { toGroup } from '../mappers/management.mappers.js';
import { deleteGroupOperations, insertGroupOperationLogs, insertGroupOperations, type GroupOperationInput } from '../repositories/group-operation.repository.js';
import { deleteGroupTags, insertGroupTagLogs, upsertGroupTags, type GroupTagInput } from '../repositories/group-tag.repository.js';
import { generateGroup, insertGroupLogs, insertOrUpdateGroups, selectGroups, softDeleteGroups, type GroupInput } from '../repositories/group.repository.js';
import type { ManagementStore } from './management-store.js';
import { requireGroups, type IdReference } from './references.js';
import { badRequest, optionalText, requireList, requireOneOf, requireText, requireValue, writeContext, type WriteContext } from './validation.js';

function groupInput(group: Group, path: string): GroupInput {
  return {
    serviceId: requireText(group.serviceId, `${path}.serviceId`),
    regionId: requireText(group.regionId, `${path}.regionId`),
    zoneId: requireText(group.zoneId, `${path}.zoneId`),
    name: requireText(group.name, `${path}.name`),
    appId: requireText(group.appId, `${path}.appId`),
    description: group.description,
    status: requireOneOf(group.status, `${path}.status`, Object.values(ManagementStatus)),
  };
}

function groupLogs(context: WriteContext, rows: readonly GroupRow[]) {
  return rows.map((row) => ({
    ...context,
    group_id: row.id,
    service_id: row.service_id,
    region_id: row.region_id,
    zone_id: row.zone_id,
    name: row.name,
    app_id: row.app_id,
    status: row.status,
    description: row.description,
  }));
}

function operationLogs(context: WriteContext, operations: readonly GroupOperationInput[], complete: boolean) {
  return operations.map((o) => ({ ...context, group_id: o.groupId, operation: o.operation, complete }));
}

/**
 * Groups, their tags and their operations (docs/java-reference.md §3.7). A group operation pulls the
 * group's instances out of discovery until it is completed.
 */
export class GroupService {
  constructor(
    private readonly store: ManagementStore,
    private readonly limiter: RateLimiter,
  ) {}

  /** `insert-groups.json` / `update-groups.json`: upsert by (service, region, zone, name), live again. */
  async upsertGroups(request: GroupsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const groups = requireList(request.groups, 'groups').map((group, i) => groupInput(group, `groups[${i}]`));
    await this.store.write('insert groups', async (tx) => insertGroupLogs(tx, groupLogs(context, await insertOrUpdateGroups(tx, groups))));
    return { responseStatus: SUCCESS };
  }

  /** `delete-groups.json`: soft delete. */
  async deleteGroups(request: DeleteGroupsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const ids = requireList(request.groupIds, 'groupIds');
    await this.store.write('delete groups', async (tx) => insertGroupLogs(tx, groupLogs(context, await softDeleteGroups(tx, ids))));
    return { responseStatus: SUCCESS };
  }

  /** `get-all-groups.json`: every live group. */
  allGroups(): GroupsResponse {
    return { groups: this.store.snapshot.allGroups(), responseStatus: SUCCESS };
  }

  /** `get-groups.json`: live groups matching every given field, `groupId` included (rate id `get.groups`). */
  async groups(request: GetGroupsRequest): Promise<GroupsResponse> {
    if (!this.limiter.tryAcquire('get.groups')) return { groups: null, responseStatus: RATE_LIMITED };
    const rows = await this.store.read('get groups', (db) =>
      selectGroups(db, {
        id: request.groupId,
        serviceId: request.serviceId,
        regionId: request.regionId,
        zoneId: request.zoneId,
        name: request.name,
        appId: request.appId,
        status: request.status,
      }),
    );
    return { groups: rows.map(toGroup), responseStatus: SUCCESS };
  }

  /** `insert-group-tags.json` / `update-group-tags.json`: upsert (group, tag) -> value; blank tags or values are skipped. */
  async upsertGroupTags(request: GroupTagsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request, 'update-group-tags');
    const tags: GroupTagInput[] = [];
    const groups: IdReference[] = [];
    requireList(request.groupTagsList, 'groupTagsList').forEach((entry, i) => {
      const groupId = requireValue(entry.groupId, `groupTagsList[${i}].groupId`);
      groups.push({ id: groupId, path: `groupTagsList[${i}].groupId` });
      for (const [tag, value] of Object.entries(entry.tags ?? {})) if (!isBlank(tag) && !isBlank(value)) tags.push({ groupId, tag: tag.trim(), value });
    });
    await this.store.write('insert group tags', async (tx) => {
      await requireGroups(tx, groups);
      await upsertGroupTags(tx, tags);
      await insertGroupTagLogs(tx, tags.map((t) => ({ ...context, group_id: t.groupId, tag: t.tag, value: t.value })));
    });
    return { responseStatus: SUCCESS };
  }

  /** `delete-group-tags.json`: deletes the tags matching every given field (at least one). */
  async deleteGroupTags(request: DeleteGroupTagsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request, 'delete-group-tags');
    if (request.groupId === null && isBlank(request.tag) && isBlank(request.value)) throw badRequest('groupId, tag or value is required');
    await this.store.write('delete group-tags', async (tx) => {
      const deleted = await deleteGroupTags(tx, { groupId: request.groupId, tag: request.tag, value: request.value });
      await insertGroupTagLogs(tx, deleted.map((row) => ({ ...context, group_id: row.group_id, tag: row.tag, value: row.value })));
    });
    return { responseStatus: SUCCESS };
  }

  /** `get-all-group-tags.json`. */
  allGroupTags(): AllGroupTagsResponse {
    return { allGroupTags: this.store.snapshot.allGroupTags(), responseStatus: SUCCESS };
  }

  /** `get-group-tags.json`: the tags of `groupId`, or null. */
  groupTags(request: GetGroupTagsRequest): GroupTagsResponse {
    return { groupTags: request.groupId === null ? null : this.store.snapshot.groupTags(request.groupId), responseStatus: SUCCESS };
  }

  /** `operate-group-operations.json`: records (complete=false) or completes each group's operations. */
  async operateGroupOperations(request: OperateGroupOperationsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const operations: GroupOperationInput[] = [];
    const groups: IdReference[] = [];
    (request.groupOperationsList ?? []).forEach((entry, i) => {
      const groupId = requireValue(entry.groupId, `groupOperationsList[${i}].groupId`);
      groups.push({ id: groupId, path: `groupOperationsList[${i}].groupId` });
      for (const operation of entry.operations ?? []) if (!isBlank(operation)) operations.push({ groupId, operation: operation.trim() });
    });
    if (operations.length === 0) return { responseStatus: SUCCESS };
    await this.store.write('operate group operation', async (tx) => {
      // Completing an operation of a deleted group is allowed: a revived group would bring it back.
      await requireGroups(tx, groups, { includeDeleted: request.operationComplete });
      if (request.operationComplete) await deleteGroupOperations(tx, operations);
      else await insertGroupOperations(tx, operations);
      await insertGroupOperationLogs(tx, operationLogs(context, operations, request.operationComplete));
    });
    return { responseStatus: SUCCESS };
  }

  /**
   * `operate-group-operation.json`: finds the group by (service, region, zone, name), creating it
   * when missing, and records or completes the request's `operation` on it. `groupId` is ignored.
   */
  async operateGroupOperation(request: OperateGroupOperationRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const group: GroupInput = {
      serviceId: requireText(request.serviceId, 'serviceId'),
      regionId: requireText(request.regionId, 'regionId'),
      zoneId: requireText(request.zoneId, 'zoneId'),
      name: requireText(request.name, 'name'),
      appId: optionalText(request.appId),
      description: request.description,
      status: isBlank(request.status) ? ManagementStatus.active : requireOneOf(request.status, 'status', Object.values(ManagementStatus)),
    };
    await this.store.write('operate group operation', async (tx) => {
      const row = await generateGroup(tx, group);
      const operations = [{ groupId: row.id, operation: context.operation }];
      if (request.operationComplete) await deleteGroupOperations(tx, operations);
      else await insertGroupOperations(tx, operations);
      await insertGroupOperationLogs(tx, operationLogs(context, operations, request.operationComplete));
    });
    return { responseStatus: SUCCESS };
  }

  /** `get-all-group-operations.json`. */
  allGroupOperations(): AllGroupOperationsResponse {
    return { allGroupOperations: this.store.snapshot.allGroupOperations(), responseStatus: SUCCESS };
  }

  /** `get-group-operations.json`: the operations of `groupId`, or null. */
  groupOperations(request: GetGroupOperationsRequest): GroupOperationsResponse {
    return { groupOperations: request.groupId === null ? null : this.store.snapshot.groupOperations(request.groupId), responseStatus: SUCCESS };
  }
}
