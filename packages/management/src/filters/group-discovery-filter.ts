import { ReservedRouteIds, type RouteRule, type Service } from '@artemis/core';
import type { DiscoveryFilter } from '@artemis/server';
import { groupInstances } from './group-instances.js';
import type { SnapshotSource } from './snapshot-source.js';

/**
 * Fills a service's management data (docs/java-reference.md §5.3): its logical instances, and its
 * route rules (active rules, active groups, released weights, group tags as metadata, listed
 * instanceIds). For the canary rule, each group also gets its `instances`, computed from the
 * service's registered and logical instances. Runs before {@link ManagementDiscoveryFilter},
 * which then removes pulled-out instances, canary group members included.
 *
 * @example
 * ```ts
 * import { GroupDiscoveryFilter } from '@artemis/management';
 * engine.discovery.filters.add(new GroupDiscoveryFilter(() => management.snapshot));
 * ```
 */
export class GroupDiscoveryFilter implements DiscoveryFilter {
  readonly name = 'management-groups';

  constructor(private readonly snapshot: SnapshotSource) {}

  apply(service: Service): Service {
    const snapshot = this.snapshot();
    const logicInstances = snapshot.logicInstances(service.serviceId);
    const rules = snapshot.routeRules(service.serviceId);
    const canary = rules.find((rule) => rule.routeId.toLowerCase() === ReservedRouteIds.canaryRouteRule);
    const routeRules: RouteRule[] =
      canary === undefined
        ? [...rules]
        : rules.map((rule) =>
            rule !== canary ? rule : { ...rule, groups: (rule.groups ?? []).map((group) => ({ ...group, instances: groupInstances(group, service.instances ?? [], logicInstances) })) },
          );
    return { ...service, logicInstances: [...logicInstances], routeRules };
  }
}
