import type { Instance, RouteRule, Service } from '@artemis/core';
import { describeInstance } from '@artemis/core';
import type { DiscoveryFilter, Logger } from '@artemis/server';
import type { SnapshotSource } from './snapshot-source.js';

/**
 * Hides pulled-out instances (docs/java-reference.md §8.1): an instance, server (IP), zone or group
 * operation removes the instance from `instances`, `logicInstances` and the canary groups'
 * `instances`. Returns the input itself when nothing is hidden.
 *
 * @example
 * ```ts
 * import { ManagementDiscoveryFilter } from '@artemis/management';
 * engine.discovery.filters.add(new ManagementDiscoveryFilter(() => management.snapshot, logger));
 * ```
 */
export class ManagementDiscoveryFilter implements DiscoveryFilter {
  readonly name = 'management-pull-out';

  constructor(
    private readonly snapshot: SnapshotSource,
    private readonly logger: Logger,
  ) {}

  apply(service: Service): Service {
    const snapshot = this.snapshot();
    let hidden = 0;
    const keep = (list: readonly Instance[] | null): readonly Instance[] | null => {
      if (list === null) return null;
      const kept = list.filter((instance) => {
        if (!snapshot.isInstanceDown(instance)) return true;
        hidden += 1;
        this.logger.debug(`Instance ${describeInstance(instance)} removed by management discovery filter.`);
        return false;
      });
      return kept.length === list.length ? list : kept;
    };
    const instances = keep(service.instances);
    const logicInstances = keep(service.logicInstances);
    const routeRules = service.routeRules?.map((rule): RouteRule => {
      if (rule.groups === null || rule.groups.every((group) => group.instances === null)) return rule;
      return { ...rule, groups: rule.groups.map((group) => ({ ...group, instances: keep(group.instances) })) };
    });
    if (hidden === 0) return service;
    return { ...service, instances, logicInstances, routeRules: routeRules ?? null };
  }
}
