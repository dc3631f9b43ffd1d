import {
  Paths,
  type AllGroupTagsResponse,
  type AllInstanceOperationsResponse,
  type AllServerOperationsResponse,
  type AllZoneOperationsResponse,
  type CreateTokenRequest,
  type CreateUserRequest,
  type GetClusterStatusResponse,
  type GetLeasesResponse,
  type GetNodeStatusResponse,
  type GetServiceNodesResponse,
  type Group,
  type GroupsResponse,
  type GroupWeight,
  type InstanceKey,
  type InstanceOperationsResponse,
  type IssuedTokenResponse,
  type ListTokensResponse,
  type ListUsersResponse,
  type LogsResponse,
  type ManagementServiceResponse,
  type OperationContext,
  type RouteRuleGroup,
  type RouteRuleGroupsResponse,
  type RouteRulesResponse,
  type SecurityLogQuery,
  type SecurityLogResponse,
  type Service,
  type ServiceRouteRule,
  type StatusResponse,
  type UpdateUserRequest,
  type UserResponse,
  type WhoAmIResponse,
  type ZoneOperations,
} from '@artemis/core';
import { Transport, type TransportOptions } from './transport';
import { LogKinds, type LogKind, type LogQuery, type LogRowOf } from './log-kinds';

/** Answer of the management `services.json`. */
export interface ManagementServicesResponse {
  readonly services: readonly Service[];
  readonly version: number;
}

/** Push counters of `status/push.json`. */
export type PushStatsResponse = Readonly<Record<string, unknown>>;

/**
 * The console's data layer: one method per endpoint, typed with `@artemis/core`, fetch-based,
 * with the bearer token. Shaped like an admin client so that it can be swapped for
 * `ArtemisAdmin` of `@artemis/client` once that exists. Every failure is an `ApiError`.
 */
export class ConsoleApi {
  private readonly transport: Transport;

  constructor(
    options: TransportOptions,
    /** Who writes are recorded as when the node does not take it from the token. */
    private readonly operator: () => string,
  ) {
    this.transport = new Transport(options);
  }

  private context(operation: string): OperationContext {
    return { extensions: null, operation, operatorId: this.operator(), reason: null, token: null };
  }

  // ---- auth (docs/security.md) ----

  login(userName: string, password: string): Promise<IssuedTokenResponse> {
    return this.transport.post(Paths.auth.login, { userName, password });
  }
  logout(): Promise<StatusResponse> {
    return this.transport.post(Paths.auth.logout, {});
  }
  whoami(): Promise<WhoAmIResponse> {
    return this.transport.post(Paths.auth.whoami, {});
  }
  users(): Promise<ListUsersResponse> {
    return this.transport.post(Paths.auth.users, {});
  }
  createUser(request: CreateUserRequest): Promise<UserResponse> {
    return this.transport.post(Paths.auth.createUser, request);
  }
  updateUser(request: UpdateUserRequest): Promise<UserResponse> {
    return this.transport.post(Paths.auth.updateUser, request);
  }
  deleteUser(userName: string): Promise<StatusResponse> {
    return this.transport.post(Paths.auth.deleteUser, { userName });
  }
  tokens(): Promise<ListTokensResponse> {
    return this.transport.post(Paths.auth.tokens, {});
  }
  createToken(request: CreateTokenRequest): Promise<IssuedTokenResponse> {
    return this.transport.post(Paths.auth.createToken, request);
  }
  revokeToken(tokenId: string): Promise<StatusResponse> {
    return this.transport.post(Paths.auth.revokeToken, { tokenId });
  }
  securityLog(query: SecurityLogQuery = {}): Promise<SecurityLogResponse> {
    return this.transport.post(Paths.auth.log, query);
  }

  // ---- status and cluster ----

  nodeStatus(): Promise<GetNodeStatusResponse> {
    return this.transport.post(Paths.status.node, {});
  }
  clusterStatus(): Promise<GetClusterStatusResponse> {
    return this.transport.post(Paths.status.cluster, {});
  }
  leases(): Promise<GetLeasesResponse> {
    return this.transport.post(Paths.status.leases, { serviceIds: [] });
  }
  pushStats(): Promise<PushStatsResponse> {
    return this.transport.get(Paths.status.push);
  }
  upRegistryNodes(): Promise<GetServiceNodesResponse> {
    return this.transport.post(Paths.cluster.upRegistryNodes, { regionId: null, zoneId: null });
  }
  upDiscoveryNodes(): Promise<GetServiceNodesResponse> {
    return this.transport.post(Paths.cluster.upDiscoveryNodes, { regionId: null, zoneId: null });
  }

  // ---- instances and services (docs/management.md) ----

  services(): Promise<ManagementServicesResponse> {
    return this.transport.post(Paths.management.services, { regionId: null, zoneId: null });
  }
  service(serviceId: string): Promise<ManagementServiceResponse> {
    return this.transport.post(Paths.management.service, { regionId: null, serviceId, zoneId: null });
  }
  /** Pulls an instance out of discovery (`complete: false`) or back in (`complete: true`). */
  operateInstance(instanceKey: InstanceKey, operation: string, complete: boolean): Promise<StatusResponse> {
    return this.transport.post(Paths.management.operateInstance, { instanceKey, operation, operationComplete: complete, operatorId: this.operator(), token: null });
  }
  /** Pulls every instance on an IP out (or back in). */
  operateServer(regionId: string, serverId: string, operation: string, complete: boolean): Promise<StatusResponse> {
    return this.transport.post(Paths.management.operateServer, { serverKey: { regionId, serverId }, operation, operationComplete: complete, operatorId: this.operator(), token: null });
  }
  instanceOperations(instanceKey: InstanceKey): Promise<InstanceOperationsResponse> {
    return this.transport.post(Paths.management.instanceOperations, { instanceKey });
  }
  allInstanceOperations(): Promise<AllInstanceOperationsResponse> {
    return this.transport.post(Paths.management.allInstanceOperations, { regionId: null });
  }
  allServerOperations(): Promise<AllServerOperationsResponse> {
    return this.transport.post(Paths.management.allServerOperations, { regionId: null });
  }

  // ---- groups and route rules ----

  allGroups(): Promise<GroupsResponse> {
    return this.transport.post(Paths.management.group.getAllGroups, { regionId: null });
  }
  allGroupTags(): Promise<AllGroupTagsResponse> {
    return this.transport.post(Paths.management.group.getAllGroupTags, { regionId: null });
  }
  allRouteRules(): Promise<RouteRulesResponse> {
    return this.transport.post(Paths.management.group.getAllRouteRules, { regionId: null });
  }
  allRouteRuleGroups(): Promise<RouteRuleGroupsResponse> {
    return this.transport.post(Paths.management.group.getAllRouteRuleGroups, { regionId: null });
  }
  insertGroups(groups: readonly Group[]): Promise<StatusResponse> {
    return this.transport.post(Paths.management.group.insertGroups, { ...this.context('insert'), groups });
  }
  /** Creates a rule with its groups and their unreleased weights. */
  createRouteRule(routeRule: ServiceRouteRule, groups: readonly GroupWeight[]): Promise<StatusResponse> {
    return this.transport.post(Paths.management.group.createRouteRule, { ...this.context('create'), routeRule, groups });
  }
  updateRouteRules(routeRules: readonly ServiceRouteRule[]): Promise<StatusResponse> {
    return this.transport.post(Paths.management.group.updateRouteRules, { ...this.context('update'), routeRules });
  }
  /** Sets unreleased weights; discovery keeps serving the released ones. */
  updateRouteRuleGroups(routeRuleGroups: readonly RouteRuleGroup[]): Promise<StatusResponse> {
    return this.transport.post(Paths.management.group.updateRouteRuleGroups, { ...this.context('update'), routeRuleGroups });
  }
  /** Copies unreleased weights to released ones: discovery serves them from now on. */
  releaseRouteRuleGroups(pairs: readonly { routeRuleId: number; groupId: number }[]): Promise<StatusResponse> {
    const routeRuleGroups = pairs.map((pair) => ({ ...pair, routeRuleGroupId: null, unreleasedWeight: null, weight: null }));
    return this.transport.post(Paths.management.group.releaseRouteRuleGroups, { ...this.context('release'), routeRuleGroups });
  }

  // ---- zones and canary ----

  allZoneOperations(): Promise<AllZoneOperationsResponse> {
    return this.transport.post(Paths.management.zone.getAllZoneOperations, { regionId: null });
  }
  /** Records (`complete: false`) or removes (`complete: true`) zone operations. */
  operateZoneOperations(zoneOperationsList: readonly ZoneOperations[], complete: boolean): Promise<StatusResponse> {
    return this.transport.post(Paths.management.zone.operateZoneOperations, { ...this.context(complete ? 'pullin' : 'pullout'), zoneOperationsList, operationComplete: complete });
  }
  /** Replaces a service's canary IPs; an empty list clears them. */
  updateCanaryIps(serviceId: string, appId: string, canaryIps: readonly string[]): Promise<StatusResponse> {
    return this.transport.post(Paths.management.canary.updateCanaryIps, { ...this.context('update'), serviceId, appId, canaryIps });
  }

  // ---- logs ----

  /** One page of a management log, newest first. */
  logs<K extends LogKind>(kind: K, query: LogQuery): Promise<LogsResponse<LogRowOf<K>>> {
    const spec: { path: string; byService: boolean; byInstance?: boolean } = LogKinds[kind];
    return this.transport.post(spec.path, {
      limit: query.limit,
      offset: query.offset,
      operatorId: query.operatorId ?? null,
      ...(spec.byService ? { serviceId: query.serviceId ?? null } : {}),
      ...(spec.byInstance === true ? { instanceId: query.instanceId ?? null } : {}),
    });
  }
}
