import {
  Paths,
  type GetRouteRulesRequest,
  type GroupWeight,
  type RouteRuleGroup,
  type RouteRuleGroupsResponse,
  type RouteRulesResponse,
  type ServiceRouteRule,
  type StatusResponse,
} from '@artemis/core';
import type { AdminTransport } from './admin-transport.js';
import { operationContext, type WriteContext } from './write-context.js';

const G = Paths.management.group;

/** Route rules and their weighted groups (`/api/management/group/*route-rule*`). */
export class RouteRulesApi {
  constructor(
    private readonly transport: AdminTransport,
    private readonly defaults: WriteContext,
  ) {}

  private write(path: string, payload: object, operation: string, context: WriteContext | undefined): Promise<StatusResponse> {
    return this.transport.call(path, { ...operationContext(this.defaults, context, operation), ...payload }, 'write');
  }

  /** Every live rule, any status (snapshot). */
  all(): Promise<RouteRulesResponse> {
    return this.transport.call(G.getAllRouteRules, { regionId: null }, 'read');
  }

  /** Rules matching every given field (queries the database). */
  find(filter: Partial<GetRouteRulesRequest>): Promise<RouteRulesResponse> {
    return this.transport.call(G.getRouteRules, { name: null, routeRuleId: null, serviceId: null, status: null, ...filter }, 'read');
  }

  /** Inserts or updates rules by (serviceId, name). */
  upsert(routeRules: readonly ServiceRouteRule[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.insertRouteRules, { routeRules }, 'insert', context);
  }

  delete(routeRuleIds: readonly number[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.deleteRouteRules, { routeRuleIds }, 'delete', context);
  }

  /** Inserts a rule and the groups it names that do not exist yet, and sets their unreleased weights. */
  create(routeRule: ServiceRouteRule, groups: readonly GroupWeight[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.createRouteRule, { groups, routeRule }, 'create', context);
  }

  /** Every membership of a group in a rule (snapshot). */
  allGroups(): Promise<RouteRuleGroupsResponse> {
    return this.transport.call(G.getAllRouteRuleGroups, { regionId: null }, 'read');
  }

  findGroups(filter: { readonly routeRuleId?: number; readonly groupId?: number; readonly routeRuleGroupId?: number }): Promise<RouteRuleGroupsResponse> {
    return this.transport.call(G.getRouteRuleGroups, { groupId: filter.groupId ?? null, routeRuleGroupId: filter.routeRuleGroupId ?? null, routeRuleId: filter.routeRuleId ?? null }, 'read');
  }

  /** Sets unreleased weights of memberships; discovery serves them only once released. */
  upsertGroups(routeRuleGroups: readonly RouteRuleGroup[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.insertRouteRuleGroups, { routeRuleGroups }, 'update', context);
  }

  /** Makes the unreleased weights of these memberships the served ones. */
  releaseGroups(routeRuleGroups: readonly Pick<RouteRuleGroup, 'routeRuleId' | 'groupId'>[], context?: WriteContext): Promise<StatusResponse> {
    const full = routeRuleGroups.map((g) => ({ groupId: g.groupId, routeRuleGroupId: null, routeRuleId: g.routeRuleId, unreleasedWeight: null, weight: null }));
    return this.write(G.releaseRouteRuleGroups, { routeRuleGroups: full }, 'release', context);
  }

  deleteGroups(routeRuleGroupIds: readonly number[], context?: WriteContext): Promise<StatusResponse> {
    return this.write(G.deleteRouteRuleGroups, { routeRuleGroupIds }, 'delete', context);
  }
}
