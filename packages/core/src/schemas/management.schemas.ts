import { z } from 'zod';
import { Limits } from '../limits.js';
import type * as M from '../messages/management-messages.js';
import type { InstanceKey, ServerKey } from '../model/keys.js';
import type {
  Group,
  GroupInstance,
  GroupOperations,
  GroupTags,
  GroupWeight,
  RouteRuleGroup,
  ServiceInstance,
  ServiceRouteRule,
  ZoneKey,
  ZoneOperations,
} from '../model/management.js';
import { instanceSchema } from './instance.schema.js';
import { metadata, optionalBoolean, optionalId, optionalList, optionalText, port } from './schema-primitives.js';

/** A database id or a weight: an integer (absent or null reads as null). */
const optionalInteger = z
  .number()
  .int('must be an integer')
  .min(Number.MIN_SAFE_INTEGER, 'is out of range')
  .max(Number.MAX_SAFE_INTEGER, 'is out of range')
  .nullish()
  .transform((value) => value ?? null);

/** A weight: any int decodes here; management writes refuse those outside 0-10000 (docs/management.md). */
const optionalWeight = z
  .number()
  .int('must be an integer')
  .min(-1_000_000, 'must be between -1000000 and 1000000')
  .max(1_000_000, 'must be between -1000000 and 1000000')
  .nullish()
  .transform((value) => value ?? null);

/** A log filter flag: absent or null means "either". */
const optionalFlag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? null);

const idList = optionalList(z.number().int('must be an integer').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER, 'is out of range'), Limits.maxManagementBatch);
const batch = <T extends z.ZodType>(item: T) => optionalList(item, Limits.maxManagementBatch);
const nullableObject = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);

/** Reads the {@link OperationContext} fields of a management write. */
const contextShape = {
  extensions: optionalText,
  operation: optionalId,
  operatorId: optionalId,
  operatorNote: optionalText,
  reason: optionalText,
  token: optionalText,
};

/** Reads an {@link InstanceKey}. */
export const instanceKeySchema: z.ZodType<InstanceKey> = z.object({ instanceId: optionalId, regionId: optionalId, serviceId: optionalId });
/** Reads a {@link ServerKey}. */
export const serverKeySchema: z.ZodType<ServerKey> = z.object({ regionId: optionalId, serverId: optionalId });
/** Reads a {@link ZoneKey}. */
export const zoneKeySchema: z.ZodType<ZoneKey> = z.object({ regionId: optionalId, serviceId: optionalId, zoneId: optionalId });

const groupShape = {
  appId: optionalId,
  description: optionalText,
  groupId: optionalInteger,
  groupKey: optionalText,
  metadata,
  name: optionalId,
  regionId: optionalId,
  serviceId: optionalId,
  status: optionalId,
  zoneId: optionalId,
};
/** Reads a {@link Group}. */
export const groupSchema: z.ZodType<Group> = z.object(groupShape);
/** Reads a {@link GroupWeight}. */
export const groupWeightSchema: z.ZodType<GroupWeight> = z.object({ ...groupShape, weight: optionalWeight });
/** Reads a {@link ServiceRouteRule}. */
export const serviceRouteRuleSchema: z.ZodType<ServiceRouteRule> = z.object({
  description: optionalText,
  name: optionalId,
  routeRuleId: optionalInteger,
  serviceId: optionalId,
  status: optionalId,
  strategy: optionalId,
});
/** Reads a {@link RouteRuleGroup}. */
export const routeRuleGroupSchema: z.ZodType<RouteRuleGroup> = z.object({
  groupId: optionalInteger,
  routeRuleGroupId: optionalInteger,
  routeRuleId: optionalInteger,
  unreleasedWeight: optionalWeight,
  weight: optionalWeight,
});
/** Reads {@link GroupTags}. */
export const groupTagsSchema: z.ZodType<GroupTags> = z.object({
  groupId: optionalInteger,
  tags: z
    .record(z.string().max(Limits.maxIdLength, `must be at most ${Limits.maxIdLength} characters`), z.string().max(Limits.maxTextLength, `must be at most ${Limits.maxTextLength} characters`))
    .refine((tags) => Object.keys(tags).length <= Limits.maxMetadataEntries, `has too many tags: at most ${Limits.maxMetadataEntries} are allowed`)
    .nullish()
    .transform((value) => value ?? null),
});
/** Reads {@link GroupOperations}. */
export const groupOperationsSchema: z.ZodType<GroupOperations> = z.object({ groupId: optionalInteger, operations: optionalList(z.string().max(Limits.maxIdLength), 64) });
/** Reads a {@link GroupInstance}. */
export const groupInstanceSchema: z.ZodType<GroupInstance> = z.object({ groupId: optionalInteger, id: optionalInteger, instanceId: optionalId });
/** Reads a {@link ServiceInstance} (a logical instance). */
export const serviceInstanceSchema: z.ZodType<ServiceInstance> = z.object({
  description: optionalText,
  groupId: optionalId,
  healthCheckUrl: optionalText,
  id: optionalInteger,
  instanceId: optionalId,
  ip: optionalId,
  machineName: optionalText,
  metadata,
  port,
  protocol: optionalId,
  regionId: optionalId,
  serviceId: optionalId,
  url: optionalText,
  zoneId: optionalId,
});
/** Reads {@link ZoneOperations}. */
export const zoneOperationsSchema: z.ZodType<ZoneOperations> = z.object({
  operations: optionalList(z.string().max(Limits.maxIdLength), 64).transform((value) => value ?? []),
  zoneKey: zoneKeySchema.nullish().transform((value) => value ?? { regionId: null, serviceId: null, zoneId: null }),
});

/** Body of requests that name a region only. */
export const regionRequestSchema: z.ZodType<M.RegionRequest> = z.object({ regionId: optionalId });

/** Body of `operate-instance.json`. */
export const operateInstanceRequestSchema: z.ZodType<M.OperateInstanceRequest> = z.object({
  instanceKey: nullableObject(instanceKeySchema),
  operation: optionalId,
  operationComplete: optionalBoolean,
  operatorId: optionalId,
  operatorNote: optionalText,
  token: optionalText,
});
/** Body of `operate-server.json`. */
export const operateServerRequestSchema: z.ZodType<M.OperateServerRequest> = z.object({
  operation: optionalId,
  operationComplete: optionalBoolean,
  operatorId: optionalId,
  operatorNote: optionalText,
  serverKey: nullableObject(serverKeySchema),
  token: optionalText,
});
/** Body of `instance-operations.json`. */
export const instanceOperationsRequestSchema: z.ZodType<M.InstanceOperationsRequest> = z.object({ instanceKey: nullableObject(instanceKeySchema) });
/** Body of `server-operations.json` and `server-down.json`. */
export const serverKeyRequestSchema: z.ZodType<M.ServerKeyRequest> = z.object({ serverKey: nullableObject(serverKeySchema) });
/** Body of `instance-down.json`. */
export const instanceDownRequestSchema: z.ZodType<M.InstanceDownRequest> = z.object({ instance: nullableObject(instanceSchema) });
/** Body of the management `service.json`. */
export const managementServiceRequestSchema: z.ZodType<M.ManagementServiceRequest> = z.object({ regionId: optionalId, serviceId: optionalId, zoneId: optionalId });

/** Body of `insert-route-rules.json` / `update-route-rules.json`. */
export const routeRulesRequestSchema: z.ZodType<M.RouteRulesRequest> = z.object({ ...contextShape, routeRules: batch(serviceRouteRuleSchema) });
/** Body of `delete-route-rules.json`. */
export const deleteRouteRulesRequestSchema: z.ZodType<M.DeleteRouteRulesRequest> = z.object({ ...contextShape, routeRuleIds: idList });
/** Body of `get-route-rules.json`. */
export const getRouteRulesRequestSchema: z.ZodType<M.GetRouteRulesRequest> = z.object({ name: optionalId, routeRuleId: optionalInteger, serviceId: optionalId, status: optionalId });
/** Body of `insert-`, `update-` and `release-route-rule-groups.json`. */
export const routeRuleGroupsRequestSchema: z.ZodType<M.RouteRuleGroupsRequest> = z.object({ ...contextShape, routeRuleGroups: batch(routeRuleGroupSchema) });
/** Body of `delete-route-rule-groups.json`. */
export const deleteRouteRuleGroupsRequestSchema: z.ZodType<M.DeleteRouteRuleGroupsRequest> = z.object({ ...contextShape, routeRuleGroupIds: idList });
/** Body of `get-route-rule-groups.json`. */
export const getRouteRuleGroupsRequestSchema: z.ZodType<M.GetRouteRuleGroupsRequest> = z.object({
  groupId: optionalInteger,
  routeRuleGroupId: optionalInteger,
  routeRuleId: optionalInteger,
});
/** Body of `insert-groups.json` / `update-groups.json`. */
export const groupsRequestSchema: z.ZodType<M.GroupsRequest> = z.object({ ...contextShape, groups: batch(groupSchema) });
/** Body of `delete-groups.json`. */
export const deleteGroupsRequestSchema: z.ZodType<M.DeleteGroupsRequest> = z.object({ ...contextShape, groupIds: idList });
/** Body of `get-groups.json`. */
export const getGroupsRequestSchema: z.ZodType<M.GetGroupsRequest> = z.object({
  appId: optionalId,
  groupId: optionalInteger,
  name: optionalId,
  regionId: optionalId,
  serviceId: optionalId,
  status: optionalId,
  zoneId: optionalId,
});
/** Body of `insert-group-tags.json` / `update-group-tags.json`. */
export const groupTagsRequestSchema: z.ZodType<M.GroupTagsRequest> = z.object({ ...contextShape, groupTagsList: batch(groupTagsSchema) });
/** Body of `delete-group-tags.json`. */
export const deleteGroupTagsRequestSchema: z.ZodType<M.DeleteGroupTagsRequest> = z.object({ ...contextShape, groupId: optionalInteger, tag: optionalId, value: optionalText });
/** Body of `get-group-tags.json`. */
export const getGroupTagsRequestSchema: z.ZodType<M.GetGroupTagsRequest> = z.object({ groupId: optionalInteger, tagId: optionalInteger, tagKey: optionalId });
/** Body of `operate-group-operations.json`. */
export const operateGroupOperationsRequestSchema: z.ZodType<M.OperateGroupOperationsRequest> = z.object({
  ...contextShape,
  groupOperationsList: batch(groupOperationsSchema),
  operationComplete: optionalBoolean,
});
/** Body of `operate-group-operation.json`. */
export const operateGroupOperationRequestSchema: z.ZodType<M.OperateGroupOperationRequest> = z.object({
  ...contextShape,
  appId: optionalId,
  description: optionalText,
  groupId: optionalInteger,
  name: optionalId,
  operationComplete: optionalBoolean,
  regionId: optionalId,
  serviceId: optionalId,
  status: optionalId,
  zoneId: optionalId,
});
/** Body of `get-group-operations.json`. */
export const getGroupOperationsRequestSchema: z.ZodType<M.GetGroupOperationsRequest> = z.object({ groupId: optionalInteger });
/** Body of `create-route-rule.json`. */
export const createRouteRuleRequestSchema: z.ZodType<M.CreateRouteRuleRequest> = z.object({
  ...contextShape,
  groups: batch(groupWeightSchema),
  routeRule: nullableObject(serviceRouteRuleSchema),
});
/** Body of `insert-group-instances.json`. */
export const groupInstancesRequestSchema: z.ZodType<M.GroupInstancesRequest> = z.object({ ...contextShape, groupInstances: batch(groupInstanceSchema) });
/** Body of `delete-group-instances.json`. */
export const deleteGroupInstancesRequestSchema: z.ZodType<M.DeleteGroupInstancesRequest> = z.object({ ...contextShape, groupInstanceIds: idList });
/** Body of `get-group-instances.json`. */
export const getGroupInstancesRequestSchema: z.ZodType<M.GetGroupInstancesRequest> = z.object({ groupId: optionalInteger, instanceId: optionalId });
/** Body of `insert-service-instances.json`. */
export const serviceInstancesRequestSchema: z.ZodType<M.ServiceInstancesRequest> = z.object({ ...contextShape, serviceInstances: batch(serviceInstanceSchema) });
/** Body of `delete-service-instances.json`. */
export const deleteServiceInstancesRequestSchema: z.ZodType<M.DeleteServiceInstancesRequest> = z.object({ ...contextShape, serviceInstanceIds: idList });
/** Body of `get-service-instances.json`. */
export const getServiceInstancesRequestSchema: z.ZodType<M.GetServiceInstancesRequest> = z.object({ instanceId: optionalId, serviceId: optionalId });

/** Body of `operate-zone-operations.json`. */
export const operateZoneOperationsRequestSchema: z.ZodType<M.OperateZoneOperationsRequest> = z.object({
  ...contextShape,
  operationComplete: optionalBoolean,
  zoneOperationsList: batch(zoneOperationsSchema),
});
/** Body of `get-zone-operations.json` and `is-zone-down.json`. */
export const zoneKeyRequestSchema: z.ZodType<M.ZoneKeyRequest> = z.object({ zoneKey: nullableObject(zoneKeySchema) });
/** Body of `get-zone-operations-list.json`. */
export const getZoneOperationsListRequestSchema: z.ZodType<M.GetZoneOperationsListRequest> = z.object({ regionId: optionalId, serviceId: optionalId, zoneId: optionalId });

/** Body of `update-canary-ips.json`. */
export const updateCanaryIpsRequestSchema: z.ZodType<M.UpdateCanaryIpsRequest> = z.object({
  ...contextShape,
  appId: optionalId,
  canaryIps: optionalList(z.string().max(Limits.maxIdLength, `must be at most ${Limits.maxIdLength} characters`), Limits.maxManagementBatch),
  serviceId: optionalId,
});

const pageShape = {
  limit: z
    .number()
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(Limits.maxLogLimit, `must be at most ${Limits.maxLogLimit}`)
    .nullish()
    .transform((value) => value ?? Limits.defaultLogLimit),
  offset: z
    .number()
    .int('must be an integer')
    .min(0, 'must not be negative')
    .max(Number.MAX_SAFE_INTEGER, 'is out of range')
    .nullish()
    .transform((value) => value ?? 0),
};

/** Body of `instance-operation-logs.json`. */
export const instanceOperationLogsRequestSchema: z.ZodType<M.InstanceOperationLogsRequest> = z.object({
  ...pageShape,
  complete: optionalFlag,
  instanceId: optionalId,
  operation: optionalId,
  operatorId: optionalId,
  regionId: optionalId,
  serviceId: optionalId,
});
/** Body of `server-operation-logs.json`. */
export const serverOperationLogsRequestSchema: z.ZodType<M.ServerOperationLogsRequest> = z.object({
  ...pageShape,
  complete: optionalFlag,
  operation: optionalId,
  operatorId: optionalId,
  regionId: optionalId,
  serverId: optionalId,
});
/** Body of `group-operation-logs.json`. */
export const groupOperationLogsRequestSchema: z.ZodType<M.GroupOperationLogsRequest> = z.object({
  ...pageShape,
  complete: optionalFlag,
  groupId: optionalInteger,
  operation: optionalId,
  operatorId: optionalId,
});
/** Body of `group-logs.json`. */
export const groupLogsRequestSchema: z.ZodType<M.GroupLogsRequest> = z.object({
  ...pageShape,
  appId: optionalId,
  name: optionalId,
  operation: optionalId,
  operatorId: optionalId,
  regionId: optionalId,
  serviceId: optionalId,
  zoneId: optionalId,
});
/** Body of `route-rule-logs.json`. */
export const routeRuleLogsRequestSchema: z.ZodType<M.RouteRuleLogsRequest> = z.object({
  ...pageShape,
  name: optionalId,
  operation: optionalId,
  operatorId: optionalId,
  serviceId: optionalId,
});
/** Body of `route-rule-group-logs.json`. */
export const routeRuleGroupLogsRequestSchema: z.ZodType<M.RouteRuleGroupLogsRequest> = z.object({
  ...pageShape,
  groupId: optionalInteger,
  operation: optionalId,
  operatorId: optionalId,
  routeRuleId: optionalInteger,
});
/** Body of `zone-operation-logs.json`. */
export const zoneOperationLogsRequestSchema: z.ZodType<M.ZoneOperationLogsRequest> = z.object({
  ...pageShape,
  complete: optionalFlag,
  operation: optionalId,
  operatorId: optionalId,
  regionId: optionalId,
  serviceId: optionalId,
  zoneId: optionalId,
});
/** Body of `group-instance-logs.json`. */
export const groupInstanceLogsRequestSchema: z.ZodType<M.GroupInstanceLogsRequest> = z.object({
  ...pageShape,
  groupId: optionalInteger,
  instanceId: optionalId,
  operation: optionalId,
  operatorId: optionalId,
});
/** Body of `service-instance-logs.json`. */
export const serviceInstanceLogsRequestSchema: z.ZodType<M.ServiceInstanceLogsRequest> = z.object({
  ...pageShape,
  instanceId: optionalId,
  operation: optionalId,
  operatorId: optionalId,
  serviceId: optionalId,
});
