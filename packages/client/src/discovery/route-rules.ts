import { fixWeight, ReservedRouteIds, RouteStrategy, type Instance, type RouteRule } from '@artemis/core';

/** A group of a route rule, resolved to the instances it holds now. */
export interface ResolvedGroup {
  readonly groupKey: string;
  readonly weight: number;
  readonly instances: readonly Instance[];
}

/** A route rule resolved against the current instances. */
export interface ResolvedRule {
  readonly routeId: string;
  readonly strategy: string;
  readonly groups: readonly ResolvedGroup[];
}

/** `serviceId/regionId/zoneId/<groupId or default>/instanceId`, lowercase: the key group keys prefix. */
function groupPathOf(instance: Instance): string {
  const groupId = instance.groupId === null || instance.groupId.trim() === '' || instance.groupId.toLowerCase() === 'default' ? 'default' : instance.groupId;
  return [instance.serviceId, instance.regionId, instance.zoneId, groupId, instance.instanceId].map((part) => String(part)).join('/').toLowerCase();
}

/**
 * The route rules as Java's client materialises them (docs/java-reference.md): each group holds
 * the instances listed by id plus those under its group key; canary groups also keep the
 * server-computed members; empty groups are dropped; weights are normalised (null -> 5); a
 * `default-route-rule` over every instance is added when none is served.
 */
export function resolveRouteRules(rules: readonly RouteRule[], instances: readonly Instance[]): ResolvedRule[] {
  const paths = instances.map((instance) => ({ instance, path: groupPathOf(instance) }));
  const resolved: ResolvedRule[] = [];
  for (const rule of rules) {
    if (rule.routeId.trim() === '' || rule.groups === null || rule.groups.length === 0) continue;
    const groups: ResolvedGroup[] = [];
    for (const group of rule.groups) {
      if (group.groupKey.trim() === '') continue;
      const members = new Map<string, Instance>();
      const ids = new Set(group.instanceIds ?? []);
      const prefix = `${group.groupKey.toLowerCase()}/`;
      for (const { instance, path } of paths) {
        if (ids.has(instance.instanceId ?? '') || path.startsWith(prefix)) members.set(String(instance.instanceId), instance);
      }
      if (rule.routeId.toLowerCase() === ReservedRouteIds.canaryRouteRule) {
        for (const instance of group.instances ?? []) if (!members.has(String(instance.instanceId))) members.set(String(instance.instanceId), instance);
      }
      if (members.size > 0) groups.push({ groupKey: group.groupKey, weight: fixWeight(group.weight), instances: [...members.values()] });
    }
    resolved.push({ routeId: rule.routeId, strategy: rule.strategy, groups });
  }
  if (!resolved.some((rule) => rule.routeId.toLowerCase() === ReservedRouteIds.defaultRouteRule)) {
    resolved.push({
      routeId: ReservedRouteIds.defaultRouteRule,
      strategy: RouteStrategy.weightedRoundRobin,
      groups: instances.length === 0 ? [] : [{ groupKey: ReservedRouteIds.defaultGroupKey, weight: 5, instances }],
    });
  }
  return resolved;
}

/**
 * The rule `pick` serves: the one asked for by id; else the served `default-route-rule`; else
 * the first served rule other than the canary rule that has groups; else the built-in default.
 */
export function servedRule(rules: readonly ResolvedRule[], routeId: string | undefined): ResolvedRule | undefined {
  if (routeId !== undefined) return rules.find((rule) => rule.routeId.toLowerCase() === routeId.toLowerCase());
  const byDefault = rules.find((rule) => rule.routeId.toLowerCase() === ReservedRouteIds.defaultRouteRule && rule.groups.length > 0);
  if (byDefault !== undefined) return byDefault;
  const other = rules.find((rule) => rule.routeId.toLowerCase() !== ReservedRouteIds.canaryRouteRule && rule.groups.length > 0);
  return other ?? rules.find((rule) => rule.routeId.toLowerCase() === ReservedRouteIds.defaultRouteRule);
}
