import {
  Paths,
  type AllGroupOperationsResponse,
  type AllGroupTagsResponse,
  type GetGroupsRequest,
  type Group,
  type GroupInstance,
  type GroupInstancesResponse,
  type GroupOperations,
  type GroupOperationsResponse,
  type GroupsResponse,
  type GroupTags,
  type GroupTagsResponse,
  type ServiceInstance,
  type ServiceInstancesResponse,
  type StatusResponse,
} from '@artemis/core';
import type { AdminTransport } from './admin-transport.js';
import { operationContext, type WriteContext } from './write-context.js';

const G = Paths.management.group;

/** Groups, their tags, operations and instance lists, and logical instances (`/api/management/group/`). */
export class GroupsApi {
  constructor(
    private readonly transport: AdminTransport,
    private readonly defaults: WriteContext,
  ) {}

  private write(path: string, payload: object, operation: string, context: WriteContext | undefined): Promise<StatusResponse> {
    return this.transport.call(path, { ...operationContext(this.defaults, context, operation), ...payload }, 'write');
  }

  /** Every live group (snapshot; metadata null). */
  all(regionId: string | null = null): Promise<GroupsResponse> {
    return this.transport.call(G.getAllGroups, { regionId }, 'read');
  }

  /** Groups matching every given field (queries the database). */
  find(filter: Partial<GetGroupsRequest>): Promise<GroupsResponse> {
    const body: GetGroupsRequest = { appId: null, groupId: null, name: null, regionId: null, serviceId: null, status: null, zoneId: null, ...filter };
    return this.transport.call(G.getGroups, body, 'read');
  }

  /** Inserts or updates groups by (serviceId, regionId, zoneId, name). */
  upsert(groups: readonly Group[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.insertGroups, { groups }, 'insert', context);
  }

  delete(groupIds: readonly number[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.deleteGroups, { groupIds }, 'delete', context);
  }

  allTags(regionId: string | null = null): Promise<AllGroupTagsResponse> {
    return this.transport.call(G.getAllGroupTags, { regionId }, 'read');
  }

  tags(groupId: number): Promise<GroupTagsResponse> {
    return this.transport.call(G.getGroupTags, { groupId, tagId: null, tagKey: null }, 'read');
  }

  /** Sets tags (tag -> value) on groups. */
  upsertTags(groupTagsList: readonly GroupTags[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.insertGroupTags, { groupTagsList }, 'insert', context);
  }

  /** Deletes the tags matching every given field. */
  deleteTags(match: { readonly groupId?: number; readonly tag?: string; readonly value?: string }, context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.deleteGroupTags, { groupId: match.groupId ?? null, tag: match.tag ?? null, value: match.value ?? null }, 'delete', context);
  }

  allOperations(regionId: string | null = null): Promise<AllGroupOperationsResponse> {
    return this.transport.call(G.getAllGroupOperations, { regionId }, 'read');
  }

  operations(groupId: number): Promise<GroupOperationsResponse> {
    return this.transport.call(G.getGroupOperations, { groupId }, 'read');
  }

  /** Records (pull-out) or with `complete` removes (pull-in) operations on groups. */
  operate(groupOperationsList: readonly GroupOperations[], complete: boolean, context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.operateGroupOperations, { groupOperationsList, operationComplete: complete }, 'pullout', context);
  }

  instances(filter: { readonly groupId?: number; readonly instanceId?: string }): Promise<GroupInstancesResponse> {
    return this.transport.call(G.getGroupInstances, { groupId: filter.groupId ?? null, instanceId: filter.instanceId ?? null }, 'read');
  }

  addInstances(groupInstances: readonly GroupInstance[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.insertGroupInstances, { groupInstances }, 'insert', context);
  }

  removeInstances(groupInstanceIds: readonly number[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.deleteGroupInstances, { groupInstanceIds }, 'delete', context);
  }

  /** Logical instances of services. */
  serviceInstances(filter: { readonly serviceId?: string; readonly instanceId?: string }): Promise<ServiceInstancesResponse> {
    return this.transport.call(G.getServiceInstances, { instanceId: filter.instanceId ?? null, serviceId: filter.serviceId ?? null }, 'read');
  }

  upsertServiceInstances(serviceInstances: readonly ServiceInstance[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.insertServiceInstances, { serviceInstances }, 'insert', context);
  }

  deleteServiceInstances(serviceInstanceIds: readonly number[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.deleteServiceInstances, { serviceInstanceIds }, 'delete', context);
  }
}
