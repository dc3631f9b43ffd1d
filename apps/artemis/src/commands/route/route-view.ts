import type { ArtemisAdmin } from '@artemis/client';
import { fixWeight, type Group, type RouteRuleGroup, type ServiceRouteRule } from '@artemis/core';
import { UsageError } from '../../cli/exit-codes.js';

/** A membership of a group in a rule, with the group resolved. */
export interface RouteMember {
  readonly membership: RouteRuleGroup;
  readonly group: Group | undefined;
  /** The weight discovery serves now (null served as 5). */
  readonly released: number;
  /** The weight it will serve once released. */
  readonly pending: number;
}

/** A rule and its members. */
export interface RouteView {
  readonly rule: ServiceRouteRule;
  readonly members: readonly RouteMember[];
}

/** Reads a rule and its members from the node's snapshot. */
export async function routeView(admin: ArtemisAdmin, routeRuleId: number): Promise<RouteView> {
  const [{ routeRules }, { routeRuleGroups }, { groups }] = await Promise.all([admin.routeRules.all(), admin.routeRules.allGroups(), admin.groups.all()]);
  const rule = (routeRules ?? []).find((r) => r.routeRuleId === routeRuleId);
  if (rule === undefined) throw new UsageError(`no route rule with id ${routeRuleId}; see artemis route list`);
  const byId = new Map((groups ?? []).map((g) => [g.groupId, g]));
  const members = (routeRuleGroups ?? [])
    .filter((m) => m.routeRuleId === routeRuleId)
    .map((membership) => ({
      membership,
      group: byId.get(membership.groupId),
      released: fixWeight(membership.weight),
      pending: fixWeight(membership.unreleasedWeight ?? membership.weight),
    }));
  return { rule, members };
}

/** Each zone's share of the rule's traffic, in percent, by the given weight. */
export function zoneShares(members: readonly RouteMember[], weight: (m: RouteMember) => number): Map<string, number> {
  const total = members.reduce((sum, m) => sum + weight(m), 0);
  const shares = new Map<string, number>();
  for (const m of members) {
    const zone = m.group?.zoneId ?? '?';
    shares.set(zone, (shares.get(zone) ?? 0) + (total === 0 ? 0 : (100 * weight(m)) / total));
  }
  return shares;
}
