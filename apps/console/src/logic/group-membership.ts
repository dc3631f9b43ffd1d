import type { Instance } from '@artemis/core';

/**
 * The path discovery matches group keys against (docs/management.md): lowercase
 * `serviceId/regionId/zoneId/<groupId or "default">/instanceId`.
 */
export function groupPathOf(instance: Instance): string {
  const group = instance.groupId === null || instance.groupId.trim() === '' ? 'default' : instance.groupId;
  return [instance.serviceId, instance.regionId, instance.zoneId, group, instance.instanceId].map((part) => String(part)).join('/').toLowerCase();
}

/** How many of `instances` a group holds: by key prefix (ending at a `/`) or by listed instance id. */
export function countMembers(groupKey: string, instanceIds: readonly string[], instances: readonly Instance[]): number {
  const prefix = `${groupKey.toLowerCase()}/`;
  const listed = new Set(instanceIds.map((id) => id.toLowerCase()));
  return instances.filter((instance) => groupPathOf(instance).startsWith(prefix) || listed.has(String(instance.instanceId).toLowerCase())).length;
}
