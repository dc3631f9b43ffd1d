import { isBlank, ManagementStatus, ReservedRouteIds, RouteStrategy, SUCCESS, type StatusResponse, type UpdateCanaryIpsRequest } from '@artemis/core';
import { deleteGroupInstancesByIds, insertGroupInstanceLogs, insertGroupInstances, selectGroupInstances } from '../repositories/group-instance.repository.js';
import { generateGroup, insertGroupLogs } from '../repositories/group.repository.js';
import { generateRouteRuleGroup, insertRouteRuleGroupLogs } from '../repositories/route-rule-group.repository.js';
import { generateRouteRule, insertRouteRuleLogs } from '../repositories/route-rule.repository.js';
import type { ManagementStore } from './management-store.js';
import { requireText, requireValue, writeContext } from './validation.js';

/** The zone id of canary groups. */
const CANARY_ZONE = 'canary';
/** The weight a new canary group gets (unreleased; discovery serves null as 5 too). */
const CANARY_WEIGHT = 5;

/**
 * Canary IPs (docs/java-reference.md §3.9): the service's `canary-route-rule` holds one group per app
 * (zone `canary`, name = appId), whose instanceIds are exactly the canary IPs.
 */
export class CanaryService {
  constructor(private readonly store: ManagementStore) {}

  /** `update-canary-ips.json`: creates rule, group and membership when missing, then sets the group's instanceIds to `canaryIps`. */
  async updateCanaryIps(request: UpdateCanaryIpsRequest): Promise<StatusResponse> {
    this.store.requireNodeUp();
    const context = writeContext(request);
    const serviceId = requireText(request.serviceId, 'serviceId');
    const appId = requireText(request.appId, 'appId');
    const ips = new Map(requireValue(request.canaryIps, 'canaryIps').filter((ip) => !isBlank(ip)).map((ip) => [ip.trim().toLowerCase(), ip.trim()]));
    const regionId = this.store.engine.options.regionId;
    await this.store.write('update canary ips', async (tx) => {
      const rule = await generateRouteRule(tx, {
        serviceId,
        name: ReservedRouteIds.canaryRouteRule,
        description: null,
        status: ManagementStatus.active,
        strategy: RouteStrategy.weightedRoundRobin,
      });
      const group = await generateGroup(tx, { serviceId, regionId, zoneId: CANARY_ZONE, name: appId, appId, description: null, status: ManagementStatus.active });
      const member = await generateRouteRuleGroup(tx, { routeRuleId: rule.id, groupId: group.id, weight: CANARY_WEIGHT });
      // The rule, group and membership are created (or revived, or touched) here too: every
      // canary write leaves a row in their logs, so no management change goes unlogged.
      await insertRouteRuleLogs(tx, [{ ...context, route_rule_id: rule.id, service_id: rule.service_id, name: rule.name, status: rule.status }]);
      await insertGroupLogs(tx, [
        { ...context, group_id: group.id, service_id: group.service_id, region_id: group.region_id, zone_id: group.zone_id, name: group.name, app_id: group.app_id, status: group.status, description: group.description },
      ]);
      await insertRouteRuleGroupLogs(tx, [{ ...context, route_rule_id: member.route_rule_id, group_id: member.group_id, weight: member.weight }]);
      const existing = await selectGroupInstances(tx, { groupId: group.id });
      const stale = existing.filter((row) => !ips.has(row.instance_id.toLowerCase()));
      const present = new Set(existing.map((row) => row.instance_id.toLowerCase()));
      const added = [...ips].filter(([key]) => !present.has(key)).map(([, ip]) => ({ groupId: group.id, instanceId: ip }));
      const deleted = await deleteGroupInstancesByIds(tx, stale.map((row) => row.id));
      await insertGroupInstances(tx, added);
      await insertGroupInstanceLogs(tx, [
        ...deleted.map((row) => ({ ...context, operation: `${context.operation}:delete`, group_id: row.group_id, instance_id: row.instance_id })),
        ...added.map((row) => ({ ...context, operation: `${context.operation}:insert`, group_id: row.groupId, instance_id: row.instanceId })),
      ]);
    });
    return { responseStatus: SUCCESS };
  }
}
