import { isBlank, type Instance, type ServiceGroup } from '@artemis/core';
import { instanceGroupPath } from '../snapshot/group-key-path.js';

/**
 * The instances of a group (Java's `RouteRules.generateGroupInstances`, docs/java-reference.md §5.5):
 * those whose instanceId the group lists (registered instances win over logical ones with the
 * same id) and the registered instances whose group-key path starts with the group's key.
 * InstanceIds compare case-insensitively; the key prefix must end at a `/`, so group `g1`
 * never takes the instances of `g10`.
 */
export function groupInstances(group: ServiceGroup, instances: readonly Instance[], logicInstances: readonly Instance[]): Instance[] {
  const byId = new Map<string, Instance>();
  for (const instance of logicInstances) if (!isBlank(instance.instanceId)) byId.set(instance.instanceId.toLowerCase(), instance);
  for (const instance of instances) if (!isBlank(instance.instanceId)) byId.set(instance.instanceId.toLowerCase(), instance);
  const members = new Map<string, Instance>();
  for (const instanceId of group.instanceIds ?? []) {
    if (isBlank(instanceId)) continue;
    const found = byId.get(instanceId.toLowerCase());
    if (found !== undefined) members.set(instanceId.toLowerCase(), found);
  }
  const prefix = group.groupKey.toLowerCase();
  if (prefix !== '') {
    for (const instance of instances) {
      if (isBlank(instance.instanceId)) continue;
      if (`${instanceGroupPath(instance).join('/')}/`.startsWith(`${prefix}/`)) members.set(instance.instanceId.toLowerCase(), instance);
    }
  }
  return [...members.values()];
}
