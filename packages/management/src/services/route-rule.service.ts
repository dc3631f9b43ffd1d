import {
  isBlank,
  ManagementStatus,
  RATE_LIMITED,
  RouteStrategy,
  SUCCESS,
  groupKeyOf,
  type CreateRouteRuleRequest,
  type DeleteRouteRuleGroupsRequest,
  type DeleteRouteRulesRequest,
  type GetRouteRuleGroupsRequest,
  type GetRouteRulesRequest,
  type GroupWeight,
  type RouteRuleGroupsRequest,
  type RouteRuleGroupsResponse,
  type RouteRulesRequest,
  type RouteRulesResponse,
  type ServiceRouteRule,
  type StatusResponse,
} from '@artemis/core';
import type { RateLimiter } from '@artemis/server';
import type { Transaction } from 'kysely';
import type { ManagementTables } from '../database/management-tables.js';
import type { GroupRow } from '../database/tables/group.table.js';
import type { RouteRuleGroupRow } from '../database/tables/route-rule-group.table.js';
import type { RouteRuleRow } from '../database/tables/route-rule.table.js';
import { toRouteRuleGroup, toServiceRouteRule } from '../mappers/management.mappers.js';
import { insertGroupLogs, insertGroups, insertOrUpdateGroups, selectGroups, type GroupInput } from '../repositories/group.repository.js';
import {
  deleteRouteRuleGroups,
  insertOrUpdateRouteRuleGroups,
  insertRouteRuleGroupLogs,
  releaseRouteRuleGroups,
  selectRouteRuleGroups,
  selectRouteRuleGroupsOf,
  type RouteRuleGroupInput,
} from '../repositories/route-rule-group.repository.js';
import {
  insertOrUpdateRouteRules,
  insertRouteRuleLogs,
  insertRouteRules,
  selectRouteRules,
  softDeleteRouteRules,
  type RouteRuleInput,
} from '../repositories/route-rule.repository.js';
import type { ManagementStore } from './management-store.js';
import { requireGroups, requireIdShape, requireRouteRules } from './references.js';
import { badRequest, requireList, requireOneOf, requireText, requireValue, requireWeight, writeContext, type WriteContext } from './validation.js';

/** A route rule and its weighted groups, as `create-route-rule.json` and activation take them. */
export interface RouteRuleInfo {
  readonly routeRule: ServiceRouteRule;
  readonly groups: readonly GroupWeight[];
}

const STRATEGIES = Object.values(RouteStrategy);
const STATUSES = Object.values(ManagementStatus);

function ruleInput(rule: ServiceRouteRule, path: string): RouteRuleInput {
  return {
    serviceId: requireText(rule.serviceId, `${path}.serviceId`),
    name: requireText(rule.name, `${path}.name`),
    description: rule.description,
    status: requireOneOf(rule.status, `${path}.status`, STATUSES),
    strategy: isBlank(rule.strategy) ? RouteStrategy.weightedRoundRobin : requireOneOf(rule.strategy, `${path}.strategy`, STRATEGIES),
  };
}

function groupInput(group: GroupWeight, path: string): GroupInput {
  return {
    serviceId: requireText(group.serviceId, `${path}.serviceId`),
    regionId: requireText(group.regionId, `${path}.regionId`),
    zoneId: requireText(group.zoneId, `${path}.zoneId`),
    name: requireText(group.name, `${path}.name`),
    appId: requireText(group.appId, `${path}.appId`),
    description: group.description,
    status: requireOneOf(group.status, `${path}.status`, STATUSES),
  };
}

function ruleLogs(context: WriteContext, rows: readonly RouteRuleRow[]) {
  return rows.map((row) => ({ ...context, route_rule_id: row.id, service_id: row.service_id, name: row.name, status: row.status }));
}

function memberLogs(context: WriteContext, rows: readonly RouteRuleGroupRow[], weight: (row: RouteRuleGroupRow) => number | null) {
  return rows.map((row) => ({ ...context, route_rule_id: row.route_rule_id, group_id: row.group_id, weight: weight(row) }));
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

/**
 * Route rules and their groups (docs/java-reference.md §3.7): rules upserted by (service, name) and
 * soft-deleted; memberships whose unreleased weight is edited and then released to discovery.
 */
export class RouteRuleService {
  constructor(
    private readonly store: ManagementStore,
    private readonly limiter: RateLimiter,
  ) {}

  /** `insert-route-rules.json` and `update-route-rules.json`: upsert by (service, name), live again. */
  async upsertRouteRules(request: RouteRulesRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const rules = requireList(request.routeRules, 'routeRules').map((rule, i) => ruleInput(rule, `routeRules[${i}]`));
    await this.store.write('insert route-rules', async (tx) => insertRouteRuleLogs(tx, ruleLogs(context, await insertOrUpdateRouteRules(tx, rules))));
    return { responseStatus: SUCCESS };
  }

  /** `delete-route-rules.json`: soft delete. */
  async deleteRouteRules(request: DeleteRouteRulesRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const ids = requireList(request.routeRuleIds, 'routeRuleIds');
    await this.store.write('delete route-rules', async (tx) => insertRouteRuleLogs(tx, ruleLogs(context, await softDeleteRouteRules(tx, ids)).map((log) => ({ ...log, complete: true }))));
    return { responseStatus: SUCCESS };
  }

  /** `get-all-route-rules.json`: every live rule, any status. */
  allRouteRules(): RouteRulesResponse {
    return { responseStatus: SUCCESS, routeRules: this.store.snapshot.allRouteRules() };
  }

  /** `get-route-rules.json`: live rules matching every given field (rate id `get.route-rules`). */
  async routeRules(request: GetRouteRulesRequest): Promise<RouteRulesResponse> {
    if (!this.limiter.tryAcquire('get.route-rules')) return { responseStatus: RATE_LIMITED, routeRules: null };
    const rows = await this.store.read('get route-rules', (db) => selectRouteRules(db, { id: request.routeRuleId, serviceId: request.serviceId, name: request.name, status: request.status }));
    return { responseStatus: SUCCESS, routeRules: rows.map(toServiceRouteRule) };
  }

  /** `insert-route-rule-groups.json` / `update-route-rule-groups.json`: upsert the unreleased weight. */
  async upsertRouteRuleGroups(request: RouteRuleGroupsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const members: RouteRuleGroupInput[] = requireList(request.routeRuleGroups, 'routeRuleGroups').map((member, i) => ({
      routeRuleId: requireValue(member.routeRuleId, `routeRuleGroups[${i}].routeRuleId`),
      groupId: requireValue(member.groupId, `routeRuleGroups[${i}].groupId`),
      weight: requireWeight(member.unreleasedWeight ?? member.weight, `routeRuleGroups[${i}].${member.unreleasedWeight === null ? 'weight' : 'unreleasedWeight'}`, true),
    }));
    await this.store.write('insert route-rule-groups', async (tx) => {
      await requireRouteRules(tx, members.map((member, i) => ({ id: member.routeRuleId, path: `routeRuleGroups[${i}].routeRuleId` })));
      await requireGroups(tx, members.map((member, i) => ({ id: member.groupId, path: `routeRuleGroups[${i}].groupId` })));
      await insertRouteRuleGroupLogs(tx, memberLogs(context, await insertOrUpdateRouteRuleGroups(tx, members), (row) => row.unreleased_weight));
    });
    return { responseStatus: SUCCESS };
  }

  /** `release-route-rule-groups.json`: `weight := unreleasedWeight`, which discovery then serves. */
  async releaseRouteRuleGroups(request: RouteRuleGroupsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const pairs = requireList(request.routeRuleGroups, 'routeRuleGroups').map((member, i) => ({
      routeRuleId: requireValue(member.routeRuleId, `routeRuleGroups[${i}].routeRuleId`),
      groupId: requireValue(member.groupId, `routeRuleGroups[${i}].groupId`),
    }));
    await this.store.write('release route-rule-groups', async (tx) => {
      const existing = new Set((await selectRouteRuleGroupsOf(tx, pairs)).map((row) => `${row.route_rule_id}/${row.group_id}`));
      pairs.forEach((pair, i) => {
        requireIdShape({ id: pair.routeRuleId, path: `routeRuleGroups[${i}].routeRuleId` });
        requireIdShape({ id: pair.groupId, path: `routeRuleGroups[${i}].groupId` });
        if (!existing.has(`${pair.routeRuleId}/${pair.groupId}`)) throw badRequest(`routeRuleGroups[${i}]: group ${pair.groupId} is not in route rule ${pair.routeRuleId}`);
      });
      await insertRouteRuleGroupLogs(tx, memberLogs(context, await releaseRouteRuleGroups(tx, pairs), (row) => row.weight));
    });
    return { responseStatus: SUCCESS };
  }

  /** `delete-route-rule-groups.json`: hard delete by id. */
  async deleteRouteRuleGroups(request: DeleteRouteRuleGroupsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const ids = requireList(request.routeRuleGroupIds, 'routeRuleGroupIds');
    await this.store.write('delete route-rule-groups', async (tx) => insertRouteRuleGroupLogs(tx, memberLogs(context, await deleteRouteRuleGroups(tx, ids), (row) => row.weight)));
    return { responseStatus: SUCCESS };
  }

  /** `get-all-route-rule-groups.json`. */
  allRouteRuleGroups(): RouteRuleGroupsResponse {
    return { responseStatus: SUCCESS, routeRuleGroups: this.store.snapshot.allRouteRuleGroups() };
  }

  /** `get-route-rule-groups.json` (rate id `get.route-rule-groups`). */
  async routeRuleGroups(request: GetRouteRuleGroupsRequest): Promise<RouteRuleGroupsResponse> {
    if (!this.limiter.tryAcquire('get.route-rule-groups')) return { responseStatus: RATE_LIMITED, routeRuleGroups: null };
    const rows = await this.store.read('get route-rule-groups', (db) =>
      selectRouteRuleGroups(db, { id: request.routeRuleGroupId, routeRuleId: request.routeRuleId, groupId: request.groupId }),
    );
    return { responseStatus: SUCCESS, routeRuleGroups: rows.map(toRouteRuleGroup) };
  }

  /**
   * `create-route-rule.json`: inserts the rule and its groups where missing (existing rows keep
   * their attributes), then sets each membership's unreleased weight; nothing is released.
   */
  async createRouteRule(request: CreateRouteRuleRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const rule = requireValue(request.routeRule, 'routeRule');
    const info = { routeRule: rule, groups: request.groups ?? [] };
    const serviceId = requireText(rule.serviceId, 'routeRule.serviceId');
    this.checkRouteRules(serviceId, [info]);
    await this.store.write('create route-rule', (tx) => this.applyRouteRules(tx, context, serviceId, [info], false));
    return { responseStatus: SUCCESS };
  }

  /**
   * Makes exactly the given rules and groups of a service active, released at their weights,
   * and every other rule and group of the service inactive (Java's `activateServiceRouteRules`).
   */
  async activateRouteRules(context: WriteContext, serviceId: string, infos: readonly RouteRuleInfo[]): Promise<void> {
    this.store.requireNodeUp();
    this.checkRouteRules(serviceId, infos);
    await this.store.write('activate route-rules', (tx) => this.applyRouteRules(tx, context, serviceId, infos, true));
  }

  private checkRouteRules(serviceId: string, infos: readonly RouteRuleInfo[]): void {
    for (const info of infos) {
      ruleInput(info.routeRule, 'routeRule');
      if (info.routeRule.serviceId?.toLowerCase() !== serviceId.toLowerCase()) throw badRequest(`routeRule.serviceId not equals to: ${serviceId}`);
      requireList(info.groups, 'groups').forEach((group, i) => {
        requireWeight(group.weight, `groups[${i}].weight`, false);
        groupInput(group, `groups[${i}]`);
        if (group.serviceId?.toLowerCase() !== serviceId.toLowerCase()) throw badRequest(`groups[${i}].serviceId not equals to: ${serviceId}`);
      });
    }
  }

  private async applyRouteRules(tx: Transaction<ManagementTables>, context: WriteContext, serviceId: string, infos: readonly RouteRuleInfo[], activate: boolean): Promise<void> {
    const rules = infos.map((info) => ({ ...ruleInput(info.routeRule, 'routeRule'), ...(activate ? { status: ManagementStatus.active } : {}) }));
    const groups = infos.flatMap((info) => info.groups.map((group, i) => ({ ...groupInput(group, `groups[${i}]`), ...(activate ? { status: ManagementStatus.active } : {}) })));
    const chosenRules = new Set(rules.map((rule) => rule.name.toLowerCase()));
    const chosenGroups = new Set(groups.map((group) => groupKeyOf(group)));
    if (activate) {
      const others = (await selectRouteRules(tx, { serviceId })).filter((row) => !chosenRules.has(row.name.toLowerCase()));
      const otherGroups = (await selectGroups(tx, { serviceId })).filter((row) => !chosenGroups.has(groupKeyOf({ serviceId: row.service_id, regionId: row.region_id, zoneId: row.zone_id, name: row.name })));
      rules.push(...others.map((row) => ({ serviceId: row.service_id, name: row.name, description: row.description, status: ManagementStatus.inactive, strategy: row.strategy })));
      groups.push(
        ...otherGroups.map((row) => ({ serviceId: row.service_id, regionId: row.region_id, zoneId: row.zone_id, name: row.name, appId: row.app_id, description: row.description, status: ManagementStatus.inactive })),
      );
    }
    const ruleRows = activate ? await insertOrUpdateRouteRules(tx, rules) : await insertRouteRules(tx, rules);
    await insertRouteRuleLogs(tx, ruleLogs(context, ruleRows));
    const groupRows = activate ? await insertOrUpdateGroups(tx, groups) : await insertGroups(tx, groups);
    await insertGroupLogs(tx, groupLogs(context, groupRows));
    const ruleIds = new Map((await selectRouteRules(tx, { serviceId })).map((row) => [row.name.toLowerCase(), row.id]));
    const groupIds = new Map(
      (await selectGroups(tx, { serviceId })).map((row) => [groupKeyOf({ serviceId: row.service_id, regionId: row.region_id, zoneId: row.zone_id, name: row.name }), row.id]),
    );
    const members: RouteRuleGroupInput[] = [];
    for (const info of infos) {
      const routeRuleId = ruleIds.get((info.routeRule.name ?? '').trim().toLowerCase());
      for (const group of info.groups) {
        const groupId = groupIds.get(groupKeyOf(group));
        if (routeRuleId !== undefined && groupId !== undefined) members.push({ routeRuleId, groupId, weight: group.weight });
      }
    }
    const memberRows = await insertOrUpdateRouteRuleGroups(tx, members);
    await insertRouteRuleGroupLogs(tx, memberLogs(context, memberRows, (row) => row.unreleased_weight));
    if (activate) await insertRouteRuleGroupLogs(tx, memberLogs(context, await releaseRouteRuleGroups(tx, members), (row) => row.weight));
  }
}
