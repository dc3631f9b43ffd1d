import { isBlank, type Instance } from '@artemis/core';

function segments(parts: readonly (string | null)[]): string[] {
  return parts
    .filter((part): part is string => !isBlank(part))
    .join('/')
    .toLowerCase()
    .split('/')
    .filter((segment) => segment !== '');
}

/**
 * The path of an instance in the group tree: lowercase
 * `serviceId/regionId/zoneId/<groupId or "default">/instanceId`, split on `/`
 * (Java's `ServiceGroupKeys.of(instance)` then `toGroupIdList`, docs/java-reference.md §5.5).
 */
export function instanceGroupPath(instance: Instance): string[] {
  const groupId = isBlank(instance.groupId) || instance.groupId.toLowerCase() === 'default' ? 'default' : instance.groupId;
  return segments([instance.serviceId, instance.regionId, instance.zoneId, groupId, instance.instanceId]);
}

/** The path of a group key (`svc/region/zone/name`), split on `/`. */
export function groupKeyPath(groupKey: string): string[] {
  return segments([groupKey]);
}

/**
 * Every prefix of a path, shortest first, joined by `/`: an instance is under a group when one
 * of its prefixes is the group's key (Java's `SearchTree.first`).
 */
export function pathPrefixes(path: readonly string[]): string[] {
  const prefixes: string[] = [];
  let prefix = '';
  for (const segment of path) {
    prefix = prefix === '' ? segment : `${prefix}/${segment}`;
    prefixes.push(prefix);
  }
  return prefixes;
}
