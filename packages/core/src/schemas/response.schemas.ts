import { z } from 'zod';
import type { ClusterNodeStatus, GetClusterStatusResponse, GetNodeStatusResponse, GetServiceNodesResponse, PeerReplicationStatus, PushStatsResponse } from '../messages/cluster-messages.js';
import type { GetServiceResponse, GetServicesDeltaResponse, GetServicesResponse, LookupResponse } from '../messages/discovery-messages.js';
import type * as M from '../messages/management-messages.js';
import type { InstancesResponse } from '../messages/registry-messages.js';
import type { GetConfigResponse, GetDeploymentResponse, GetLeasesResponse, LeaseStatus, SelfPreservationStatus } from '../messages/status-messages.js';
import type * as L from '../model/management-logs.js';
import type { InstanceOperations, ServerOperations } from '../model/management.js';
import type { ServiceGroup, RouteRule, Service } from '../model/service.js';
import type { ServiceNode, ServiceNodeStatus } from '../model/service-node.js';
import type { FailedInstance } from '../model/failed-instance.js';
import type { InstanceChange } from '../model/instance-change.js';
import type { ResponseStatus } from '../response-status.js';
import { instanceSchema } from './instance.schema.js';
import {
  groupInstanceSchema,
  groupOperationsSchema,
  groupSchema,
  groupTagsSchema,
  instanceKeySchema,
  routeRuleGroupSchema,
  serverKeySchema,
  serviceInstanceSchema,
  serviceRouteRuleSchema,
  zoneOperationsSchema,
} from './management.schemas.js';

// The answers' shapes, as runtime schemas: the OpenAPI document is generated from them, and each
// is typed against its message interface, so that a field added to one and not the other does
// not compile. Entities that requests carry too (instances, groups...) reuse the request schemas.

const metadata = z.record(z.string(), z.string().nullable()).nullable();

/** The envelope every answer carries (docs/errors.md). */
export const responseStatusSchema: z.ZodType<ResponseStatus> = z.object({
  errorCode: z.string().describe('success, bad-request, data-not-found, no-permission, rate-limited, ... (docs/errors.md)'),
  message: z.string(),
  status: z.string().describe('success, fail or partial_fail'),
});

/** An answer that carries only its status (management writes). */
export const statusResponseSchema: z.ZodType<M.StatusResponse> = z.object({ responseStatus: responseStatusSchema });

const failedInstanceSchema: z.ZodType<FailedInstance> = z.object({ errorCode: z.string(), errorMessage: z.string(), instance: instanceSchema });

/** Answer of `register.json`, `heartbeat.json`, `unregister.json`. */
export const instancesResponseSchema: z.ZodType<InstancesResponse> = z.object({
  failedInstances: z.array(failedInstanceSchema).nullable().describe('null when every instance succeeded'),
  responseStatus: responseStatusSchema,
});

const serviceGroupSchema: z.ZodType<ServiceGroup> = z.object({
  groupKey: z.string(),
  instanceIds: z.array(z.string()).nullable(),
  instances: z.array(instanceSchema).nullable(),
  metadata,
  weight: z.number().int().nullable(),
});

const routeRuleSchema: z.ZodType<RouteRule> = z.object({ groups: z.array(serviceGroupSchema).nullable(), routeId: z.string(), strategy: z.string() });

/** A service as discovery serves it. */
export const serviceSchema: z.ZodType<Service> = z.object({
  instances: z.array(instanceSchema).nullable(),
  logicInstances: z.array(instanceSchema).nullable(),
  metadata,
  routeRules: z.array(routeRuleSchema).nullable(),
  serviceId: z.string(),
});

/** Answer of `service.json`. */
export const getServiceResponseSchema: z.ZodType<GetServiceResponse> = z.object({ responseStatus: responseStatusSchema, service: serviceSchema.nullable() });
/** Answer of `lookup.json`. */
export const lookupResponseSchema: z.ZodType<LookupResponse> = z.object({ responseStatus: responseStatusSchema, services: z.array(serviceSchema).nullable() });
/** Answer of `services.json`. */
export const getServicesResponseSchema: z.ZodType<GetServicesResponse> = z.object({ responseStatus: responseStatusSchema, services: z.array(serviceSchema).nullable(), version: z.number().int() });

const instanceChangeSchema: z.ZodType<InstanceChange> = z.object({ changeTime: z.number().int(), changeType: z.enum(['new', 'delete', 'change', 'reload']), instance: instanceSchema });

/** Answer of `services-delta.json`. */
export const getServicesDeltaResponseSchema: z.ZodType<GetServicesDeltaResponse> = z.object({
  delta: z.record(z.string(), z.array(instanceChangeSchema)).nullable().describe('changes by serviceId; null when the asked version is too old (read services.json again)'),
  responseStatus: responseStatusSchema,
  version: z.number().int(),
});

const zoneSchema = z.object({ metadata, regionId: z.string().nullable(), zoneId: z.string().nullable() });
const serviceNodeSchema: z.ZodType<ServiceNode> = z.object({ url: z.string(), zone: zoneSchema });
const serviceNodeStatusObject = z.object({
  allowDiscoveryFromOtherZone: z.boolean().nullable(),
  allowRegistryFromOtherZone: z.boolean().nullable(),
  canServiceDiscovery: z.boolean().nullable(),
  canServiceRegistry: z.boolean().nullable(),
  node: serviceNodeSchema.nullable(),
  status: z.string(),
});
const serviceNodeStatusSchema: z.ZodType<ServiceNodeStatus> = serviceNodeStatusObject;

const peerReplicationSchema: z.ZodType<PeerReplicationStatus> = z.object({
  queueDepth: z.number().int(),
  dirty: z.boolean(),
  sent: z.number().int(),
  batches: z.number().int(),
  coalesced: z.number().int(),
  overflowed: z.number().int(),
  retried: z.number().int(),
  requests: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  syncRounds: z.number().int(),
  repairedBuckets: z.number().int(),
  renewalsUnknown: z.number().int().describe('renewals (by key) the peer answered unknown: it lacked the instance in that version'),
  resentWhole: z.number().int().describe('instances sent whole to the peer because it answered their renewal unknown'),
});
const clusterNodeStatusSchema: z.ZodType<ClusterNodeStatus> = serviceNodeStatusObject.extend({
  lastContactTime: z.number().int().nullable().optional().describe('last successful probe of a peer (epoch ms)'),
  error: z.string().nullable().optional().describe("the last probe's error"),
  replication: peerReplicationSchema.optional(),
});

/** Answer of `up-registry-nodes.json` and `up-discovery-nodes.json`. */
export const getServiceNodesResponseSchema: z.ZodType<GetServiceNodesResponse> = z.object({ nodes: z.array(serviceNodeSchema).nullable(), responseStatus: responseStatusSchema });
/** Answer of `/api/status/node.json`. */
export const getNodeStatusResponseSchema: z.ZodType<GetNodeStatusResponse> = z.object({ nodeStatus: serviceNodeStatusSchema, responseStatus: responseStatusSchema });
/** Answer of `/api/status/cluster.json`. */
export const getClusterStatusResponseSchema: z.ZodType<GetClusterStatusResponse> = z.object({
  nodeCount: z.number().int(),
  nodesStatus: z.array(clusterNodeStatusSchema).nullable(),
  responseStatus: responseStatusSchema,
});

const pushChannelCounts = z.object({ heartbeat: z.number().int(), instanceChange: z.number().int(), allInstanceChange: z.number().int(), socketIo: z.number().int() });
/** Answer of `/api/status/push.json`. */
export const pushStatsResponseSchema: z.ZodType<PushStatsResponse> = z.object({
  sessions: pushChannelCounts,
  pushes: z.number().int(),
  closedSlow: z.number().int(),
  closedExpired: z.number().int(),
  refusedHandshakes: z.number().int(),
  blockedRequests: z.number().int(),
  refusedSessions: z.number().int(),
  subscriptions: z.number().int(),
  delivered: pushChannelCounts,
  slow: pushChannelCounts,
});

const leaseStatusSchema: z.ZodType<LeaseStatus> = z.object({ creationTime: z.string(), evitionTime: z.string(), instance: z.string(), renewalTime: z.string(), ttl: z.number().int() });
const selfPreservationSchema: z.ZodType<SelfPreservationStatus> = z.object({
  actual: z.number(),
  expected: z.number(),
  percentageThreshold: z.number(),
  windowMs: z.number().int(),
  since: z.number().int().nullable(),
  reason: z.string().nullable(),
});

/** Answer of `/api/status/leases.json` (and its legacy twin). */
export const getLeasesResponseSchema: z.ZodType<Omit<GetLeasesResponse, 'selfPreservation'> & { readonly selfPreservation?: SelfPreservationStatus | null | undefined }> = z.object({
  isSafe: z.boolean(),
  isSafeCheckEnabled: z.boolean(),
  leaseCount: z.number().int(),
  leaseUpdateCountLastTimeWindow: z.number(),
  leaseUpdateMaxCount: z.number(),
  leaseUpdateMaxCountLastUpdateTime: z.number().int(),
  leases: z.record(z.string(), z.array(leaseStatusSchema)).nullable().describe('leases by serviceId'),
  responseStatus: responseStatusSchema,
  selfPreservation: selfPreservationSchema.nullable().optional(),
});
const properties = z.record(z.string(), z.string());
const sources = z.record(z.string(), z.number());
/** Answer of `/api/status/config.json`. */
export const getConfigResponseSchema: z.ZodType<GetConfigResponse> = z.object({ properties, responseStatus: responseStatusSchema, sources });
/** Answer of `/api/status/deployment.json`. */
export const getDeploymentResponseSchema: z.ZodType<GetDeploymentResponse> = z.object({
  appId: z.string(),
  ip: z.string(),
  machineName: z.string(),
  path: z.string(),
  port: z.number().int(),
  properties,
  protocol: z.string(),
  regionId: z.string(),
  responseStatus: responseStatusSchema,
  sources,
  zoneId: z.string(),
});

// --- management ---------------------------------------------------------------------------

const instanceOperationsSchema: z.ZodType<InstanceOperations> = z.object({ instanceKey: instanceKeySchema, operations: z.array(z.string()) });
const serverOperationsSchema: z.ZodType<ServerOperations> = z.object({ operations: z.array(z.string()), serverKey: serverKeySchema });

/** Answer of `instance-operations.json`. */
export const instanceOperationsResponseSchema: z.ZodType<M.InstanceOperationsResponse> = z.object({ operations: instanceOperationsSchema.nullable(), responseStatus: responseStatusSchema });
/** Answer of `server-operations.json`. */
export const serverOperationsResponseSchema: z.ZodType<M.ServerOperationsResponse> = z.object({ operations: serverOperationsSchema.nullable(), responseStatus: responseStatusSchema });
/** Answer of `all-instance-operations.json`. */
export const allInstanceOperationsResponseSchema: z.ZodType<M.AllInstanceOperationsResponse> = z.object({ allInstanceOperations: z.array(instanceOperationsSchema), responseStatus: responseStatusSchema });
/** Answer of `all-server-operations.json`. */
export const allServerOperationsResponseSchema: z.ZodType<M.AllServerOperationsResponse> = z.object({ allServerOperations: z.array(serverOperationsSchema), responseStatus: responseStatusSchema });
/** Answer of `instance-down.json`, `server-down.json`, `is-zone-down.json`. */
export const downResponseSchema: z.ZodType<M.DownResponse> = z.object({ down: z.boolean(), responseStatus: responseStatusSchema });
/** Answer of the management view of a service. */
export const managementServiceResponseSchema: z.ZodType<M.ManagementServiceResponse> = z.object({
  groups: z.array(serviceGroupSchema).nullable(),
  responseStatus: responseStatusSchema,
  service: serviceSchema.nullable(),
});
/** Answer of the route rule reads. */
export const routeRulesResponseSchema: z.ZodType<M.RouteRulesResponse> = z.object({ responseStatus: responseStatusSchema, routeRules: z.array(serviceRouteRuleSchema).nullable() });
/** Answer of the route rule group reads. */
export const routeRuleGroupsResponseSchema: z.ZodType<M.RouteRuleGroupsResponse> = z.object({ responseStatus: responseStatusSchema, routeRuleGroups: z.array(routeRuleGroupSchema).nullable() });
/** Answer of the group reads. */
export const groupsResponseSchema: z.ZodType<M.GroupsResponse> = z.object({ groups: z.array(groupSchema).nullable(), responseStatus: responseStatusSchema });
/** Answer of `get-group-tags.json`. */
export const groupTagsResponseSchema: z.ZodType<M.GroupTagsResponse> = z.object({ groupTags: groupTagsSchema.nullable(), responseStatus: responseStatusSchema });
/** Answer of `get-all-group-tags.json`. */
export const allGroupTagsResponseSchema: z.ZodType<M.AllGroupTagsResponse> = z.object({ allGroupTags: z.array(groupTagsSchema), responseStatus: responseStatusSchema });
/** Answer of `get-group-operations.json`. */
export const groupOperationsResponseSchema: z.ZodType<M.GroupOperationsResponse> = z.object({ groupOperations: groupOperationsSchema.nullable(), responseStatus: responseStatusSchema });
/** Answer of `get-all-group-operations.json`. */
export const allGroupOperationsResponseSchema: z.ZodType<M.AllGroupOperationsResponse> = z.object({ allGroupOperations: z.array(groupOperationsSchema), responseStatus: responseStatusSchema });
/** Answer of `get-group-instances.json`. */
export const groupInstancesResponseSchema: z.ZodType<M.GroupInstancesResponse> = z.object({ groupInstances: z.array(groupInstanceSchema).nullable(), responseStatus: responseStatusSchema });
/** Answer of `get-service-instances.json`. */
export const serviceInstancesResponseSchema: z.ZodType<M.ServiceInstancesResponse> = z.object({ responseStatus: responseStatusSchema, serviceInstances: z.array(serviceInstanceSchema).nullable() });
/** Answer of `get-zone-operations.json`. */
export const zoneOperationsResponseSchema: z.ZodType<M.ZoneOperationsResponse> = z.object({ operations: zoneOperationsSchema.nullable(), responseStatus: responseStatusSchema });
/** Answer of `get-all-zone-operations.json`. */
export const allZoneOperationsResponseSchema: z.ZodType<M.AllZoneOperationsResponse> = z.object({ allZoneOperations: z.array(zoneOperationsSchema), responseStatus: responseStatusSchema });
/** Answer of `get-zone-operations-list.json`. */
export const zoneOperationsListResponseSchema: z.ZodType<M.ZoneOperationsListResponse> = z.object({ responseStatus: responseStatusSchema, zoneOperationsList: z.array(zoneOperationsSchema) });

// Log rows: every kind shares the row fields, then adds its own.
const logRow = { createTime: z.number().int().describe('epoch ms'), id: z.number().int(), operation: z.string(), operatorId: z.string(), operatorNote: z.string().describe("the body's operatorId when it differed from the token's operator; '' otherwise"), token: z.string(), updateTime: z.number().int().describe('epoch ms') };
const text = z.string();
const flag = z.boolean();
const int = z.number().int();
const logsOf = <Row>(row: z.ZodType<Row>): z.ZodType<M.LogsResponse<Row>> => z.object({ logs: z.array(row).nullable(), responseStatus: responseStatusSchema });

/** Answers of the `/api/management/log/*.json` reads, by kind. */
export const logsResponseSchemas = {
  instanceOperation: logsOf<L.InstanceOperationLog>(z.object({ ...logRow, complete: flag, extensions: text, instanceId: text, regionId: text, serviceId: text })),
  serverOperation: logsOf<L.ServerOperationLog>(z.object({ ...logRow, complete: flag, extensions: text, regionId: text, serverId: text })),
  groupOperation: logsOf<L.GroupOperationLog>(z.object({ ...logRow, complete: flag, extensions: text, groupId: int, reason: text })),
  group: logsOf<L.GroupLog>(z.object({ ...logRow, appId: text, extensions: text, name: text, reason: text, regionId: text, serviceId: text, status: text, zoneId: text })),
  routeRule: logsOf<L.RouteRuleLog>(z.object({ ...logRow, complete: flag, extensions: text, name: text, reason: text, serviceId: text, status: text })),
  routeRuleGroup: logsOf<L.RouteRuleGroupLog>(z.object({ ...logRow, extensions: text, groupId: int, reason: text, routeRuleId: int, weight: int.nullable() })),
  zoneOperation: logsOf<L.ZoneOperationLog>(z.object({ ...logRow, complete: flag, regionId: text, serviceId: text, zoneId: text })),
  groupInstance: logsOf<L.GroupInstanceLog>(z.object({ ...logRow, groupId: int, instanceId: text, reason: text })),
  serviceInstance: logsOf<L.ServiceInstanceLog>(
    z.object({ ...logRow, groupId: text, healthCheckUrl: text, instanceId: text, ip: text, machineName: text, metadata: text.describe('JSON text'), port: int, protocol: text, regionId: text, serviceId: text, url: text, zoneId: text }),
  ),
} as const;
