import type { Instance } from '../model/instance.js';
import type { InstanceKey, ServerKey } from '../model/keys.js';
import type {
  Group,
  GroupInstance,
  GroupOperations,
  GroupTags,
  GroupWeight,
  InstanceOperations,
  OperationContext,
  RouteRuleGroup,
  ServerOperations,
  ServiceInstance,
  ServiceRouteRule,
  ZoneKey,
  ZoneOperations,
} from '../model/management.js';
import type { Service, ServiceGroup } from '../model/service.js';
import type { ResponseStatus } from '../response-status.js';

/** A management write: the {@link OperationContext} fields beside the payload. */
export type WithContext<T> = OperationContext & T;

/** An answer that only carries a status (every management write). */
export interface StatusResponse {
  readonly responseStatus: ResponseStatus;
}

/** A request naming a region only (`all-*-operations.json`, `get-all-*.json`). */
export interface RegionRequest {
  readonly regionId: string | null;
}

// ---- /api/management/ (docs/java-reference.md §3.6) ----

/** Body of `operate-instance.json`: false records the operation (pull-out), true completes it (pull-in). */
export interface OperateInstanceRequest {
  readonly instanceKey: InstanceKey | null;
  readonly operation: string | null;
  readonly operationComplete: boolean;
  readonly operatorId: string | null;
  /** See {@link OperationContext.operatorNote}. */
  readonly operatorNote?: string | null;
  readonly token: string | null;
}

/** Body of `operate-server.json`. */
export interface OperateServerRequest {
  readonly operation: string | null;
  readonly operationComplete: boolean;
  readonly operatorId: string | null;
  /** See {@link OperationContext.operatorNote}. */
  readonly operatorNote?: string | null;
  readonly serverKey: ServerKey | null;
  readonly token: string | null;
}

/** Body of `instance-operations.json`. */
export interface InstanceOperationsRequest {
  readonly instanceKey: InstanceKey | null;
}

/** Body of `server-operations.json` and `server-down.json`. */
export interface ServerKeyRequest {
  readonly serverKey: ServerKey | null;
}

/** Body of `instance-down.json`. */
export interface InstanceDownRequest {
  readonly instance: Instance | null;
}

/** Answer of `instance-operations.json`: null when the instance has no operation. */
export interface InstanceOperationsResponse {
  readonly operations: InstanceOperations | null;
  readonly responseStatus: ResponseStatus;
}

/** Answer of `server-operations.json`. */
export interface ServerOperationsResponse {
  readonly operations: ServerOperations | null;
  readonly responseStatus: ResponseStatus;
}

/** Answer of `all-instance-operations.json`. */
export interface AllInstanceOperationsResponse {
  readonly allInstanceOperations: readonly InstanceOperations[];
  readonly responseStatus: ResponseStatus;
}

/** Answer of `all-server-operations.json`. */
export interface AllServerOperationsResponse {
  readonly allServerOperations: readonly ServerOperations[];
  readonly responseStatus: ResponseStatus;
}

/** Answer of `instance-down.json`, `server-down.json` and `is-zone-down.json`. */
export interface DownResponse {
  readonly down: boolean;
  readonly responseStatus: ResponseStatus;
}

/** Body of the management `service.json`. */
export interface ManagementServiceRequest {
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly zoneId: string | null;
}

/** Answer of the management `service.json`: the service as operators see it, and all its groups. */
export interface ManagementServiceResponse {
  readonly groups: readonly ServiceGroup[] | null;
  readonly responseStatus: ResponseStatus;
  readonly service: Service | null;
}

// ---- /api/management/group/ (docs/java-reference.md §3.7) ----

/** Body of `insert-route-rules.json` / `update-route-rules.json`. */
export type RouteRulesRequest = WithContext<{ readonly routeRules: readonly ServiceRouteRule[] | null }>;
/** Body of `delete-route-rules.json`. */
export type DeleteRouteRulesRequest = WithContext<{ readonly routeRuleIds: readonly number[] | null }>;
/** Body of `get-route-rules.json`: the non-null fields are ANDed. */
export interface GetRouteRulesRequest {
  readonly name: string | null;
  readonly routeRuleId: number | null;
  readonly serviceId: string | null;
  readonly status: string | null;
}
/** Answer of `get-route-rules.json` and `get-all-route-rules.json`. */
export interface RouteRulesResponse {
  readonly responseStatus: ResponseStatus;
  readonly routeRules: readonly ServiceRouteRule[] | null;
}

/** Body of `insert-`, `update-` and `release-route-rule-groups.json`. */
export type RouteRuleGroupsRequest = WithContext<{ readonly routeRuleGroups: readonly RouteRuleGroup[] | null }>;
/** Body of `delete-route-rule-groups.json`. */
export type DeleteRouteRuleGroupsRequest = WithContext<{ readonly routeRuleGroupIds: readonly number[] | null }>;
/** Body of `get-route-rule-groups.json`. */
export interface GetRouteRuleGroupsRequest {
  readonly groupId: number | null;
  readonly routeRuleGroupId: number | null;
  readonly routeRuleId: number | null;
}
/** Answer of `get-route-rule-groups.json` and `get-all-route-rule-groups.json`. */
export interface RouteRuleGroupsResponse {
  readonly responseStatus: ResponseStatus;
  readonly routeRuleGroups: readonly RouteRuleGroup[] | null;
}

/** Body of `insert-groups.json` / `update-groups.json`. */
export type GroupsRequest = WithContext<{ readonly groups: readonly Group[] | null }>;
/** Body of `delete-groups.json`. */
export type DeleteGroupsRequest = WithContext<{ readonly groupIds: readonly number[] | null }>;
/** Body of `get-groups.json`. */
export interface GetGroupsRequest {
  readonly appId: string | null;
  readonly groupId: number | null;
  readonly name: string | null;
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly status: string | null;
  readonly zoneId: string | null;
}
/** Answer of `get-groups.json` and `get-all-groups.json`. */
export interface GroupsResponse {
  readonly groups: readonly Group[] | null;
  readonly responseStatus: ResponseStatus;
}

/** Body of `insert-group-tags.json` / `update-group-tags.json`. */
export type GroupTagsRequest = WithContext<{ readonly groupTagsList: readonly GroupTags[] | null }>;
/** Body of `delete-group-tags.json`: the non-null fields are the conditions. */
export type DeleteGroupTagsRequest = WithContext<{ readonly groupId: number | null; readonly tag: string | null; readonly value: string | null }>;
/** Body of `get-group-tags.json` (only `groupId` is used). */
export interface GetGroupTagsRequest {
  readonly groupId: number | null;
  readonly tagId: number | null;
  readonly tagKey: string | null;
}
/** Answer of `get-group-tags.json`. */
export interface GroupTagsResponse {
  readonly groupTags: GroupTags | null;
  readonly responseStatus: ResponseStatus;
}
/** Answer of `get-all-group-tags.json`. */
export interface AllGroupTagsResponse {
  readonly allGroupTags: readonly GroupTags[];
  readonly responseStatus: ResponseStatus;
}

/** Body of `operate-group-operations.json`. */
export type OperateGroupOperationsRequest = WithContext<{
  readonly groupOperationsList: readonly GroupOperations[] | null;
  readonly operationComplete: boolean;
}>;
/** Body of `operate-group-operation.json`: the group is found (or created) by service, region, zone and name. */
export type OperateGroupOperationRequest = WithContext<{
  readonly appId: string | null;
  readonly description: string | null;
  readonly groupId: number | null;
  readonly name: string | null;
  readonly operationComplete: boolean;
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly status: string | null;
  readonly zoneId: string | null;
}>;
/** Body of `get-group-operations.json`. */
export interface GetGroupOperationsRequest {
  readonly groupId: number | null;
}
/** Answer of `get-group-operations.json`. */
export interface GroupOperationsResponse {
  readonly groupOperations: GroupOperations | null;
  readonly responseStatus: ResponseStatus;
}
/** Answer of `get-all-group-operations.json`. */
export interface AllGroupOperationsResponse {
  readonly allGroupOperations: readonly GroupOperations[];
  readonly responseStatus: ResponseStatus;
}

/** Body of `create-route-rule.json`. */
export type CreateRouteRuleRequest = WithContext<{
  readonly groups: readonly GroupWeight[] | null;
  readonly routeRule: ServiceRouteRule | null;
}>;

/** Body of `insert-group-instances.json`. */
export type GroupInstancesRequest = WithContext<{ readonly groupInstances: readonly GroupInstance[] | null }>;
/** Body of `delete-group-instances.json`. */
export type DeleteGroupInstancesRequest = WithContext<{ readonly groupInstanceIds: readonly number[] | null }>;
/** Body of `get-group-instances.json`. */
export interface GetGroupInstancesRequest {
  readonly groupId: number | null;
  readonly instanceId: string | null;
}
/** Answer of `get-group-instances.json`. */
export interface GroupInstancesResponse {
  readonly groupInstances: readonly GroupInstance[] | null;
  readonly responseStatus: ResponseStatus;
}

/** Body of `insert-service-instances.json`. */
export type ServiceInstancesRequest = WithContext<{ readonly serviceInstances: readonly ServiceInstance[] | null }>;
/** Body of `delete-service-instances.json`. */
export type DeleteServiceInstancesRequest = WithContext<{ readonly serviceInstanceIds: readonly number[] | null }>;
/** Body of `get-service-instances.json`. */
export interface GetServiceInstancesRequest {
  readonly instanceId: string | null;
  readonly serviceId: string | null;
}
/** Answer of `get-service-instances.json`. */
export interface ServiceInstancesResponse {
  readonly responseStatus: ResponseStatus;
  readonly serviceInstances: readonly ServiceInstance[] | null;
}

// ---- /api/management/zone/ (docs/java-reference.md §3.8) ----

/** Body of `operate-zone-operations.json`. */
export type OperateZoneOperationsRequest = WithContext<{
  readonly operationComplete: boolean;
  readonly zoneOperationsList: readonly ZoneOperations[] | null;
}>;
/** Body of `get-zone-operations.json` and `is-zone-down.json`. */
export interface ZoneKeyRequest {
  readonly zoneKey: ZoneKey | null;
}
/** Body of `get-zone-operations-list.json`. */
export interface GetZoneOperationsListRequest {
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly zoneId: string | null;
}
/** Answer of `get-zone-operations.json`. */
export interface ZoneOperationsResponse {
  readonly operations: ZoneOperations | null;
  readonly responseStatus: ResponseStatus;
}
/** Answer of `get-all-zone-operations.json`. */
export interface AllZoneOperationsResponse {
  readonly allZoneOperations: readonly ZoneOperations[];
  readonly responseStatus: ResponseStatus;
}
/** Answer of `get-zone-operations-list.json`. */
export interface ZoneOperationsListResponse {
  readonly responseStatus: ResponseStatus;
  readonly zoneOperationsList: readonly ZoneOperations[];
}

// ---- /api/management/canary/ (docs/java-reference.md §3.9) ----

/** Body of `update-canary-ips.json`: the canary group of `appId` gets exactly `canaryIps` as instanceIds. */
export type UpdateCanaryIpsRequest = WithContext<{
  readonly appId: string | null;
  readonly canaryIps: readonly string[] | null;
  readonly serviceId: string | null;
}>;

// ---- /api/management/log/ (docs/java-reference.md §3.10) ----

/** Paging of every log query: newest first, `limit` rows (default 100, at most 1000) after `offset`. */
export interface LogPage {
  readonly limit: number;
  readonly offset: number;
}

/** Body of `instance-operation-logs.json`. */
export type InstanceOperationLogsRequest = LogPage & {
  readonly complete: boolean | null;
  readonly instanceId: string | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
  readonly regionId: string | null;
  readonly serviceId: string | null;
};
/** Body of `server-operation-logs.json`. */
export type ServerOperationLogsRequest = LogPage & {
  readonly complete: boolean | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
  readonly regionId: string | null;
  readonly serverId: string | null;
};
/** Body of `group-operation-logs.json`. */
export type GroupOperationLogsRequest = LogPage & {
  readonly complete: boolean | null;
  readonly groupId: number | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
};
/** Body of `group-logs.json`. */
export type GroupLogsRequest = LogPage & {
  readonly appId: string | null;
  readonly name: string | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly zoneId: string | null;
};
/** Body of `route-rule-logs.json`. */
export type RouteRuleLogsRequest = LogPage & {
  readonly name: string | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
  readonly serviceId: string | null;
};
/** Body of `route-rule-group-logs.json`. */
export type RouteRuleGroupLogsRequest = LogPage & {
  readonly groupId: number | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
  readonly routeRuleId: number | null;
};
/** Body of `zone-operation-logs.json`. */
export type ZoneOperationLogsRequest = LogPage & {
  readonly complete: boolean | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly zoneId: string | null;
};
/** Body of `group-instance-logs.json`. */
export type GroupInstanceLogsRequest = LogPage & {
  readonly groupId: number | null;
  readonly instanceId: string | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
};
/** Body of `service-instance-logs.json`. */
export type ServiceInstanceLogsRequest = LogPage & {
  readonly instanceId: string | null;
  readonly operation: string | null;
  readonly operatorId: string | null;
  readonly serviceId: string | null;
};
/** Answer of every log endpoint. */
export interface LogsResponse<Row> {
  readonly logs: readonly Row[] | null;
  readonly responseStatus: ResponseStatus;
}
