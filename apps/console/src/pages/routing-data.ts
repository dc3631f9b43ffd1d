import type { Group, RouteRuleGroup, ServiceRouteRule } from '@artemis/core';

/** What the routing page reads: groups, rules, their memberships (weights) and group tags. */
export interface RoutingData {
  readonly groups: readonly Group[];
  readonly rules: readonly ServiceRouteRule[];
  readonly memberships: readonly RouteRuleGroup[];
  readonly tags: ReadonlyMap<number, Readonly<Record<string, string>>>;
}
