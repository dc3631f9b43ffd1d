import type { GroupWeight } from '@artemis/core';

/** Parses "zone name weight" lines into groups; the first problem found, or the groups. */
export function parseGroupLines(text: string, serviceId: string, regionId: string): GroupWeight[] | string {
  const groups: GroupWeight[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const [zoneId, name, weight, ...rest] = line.trim().split(/\s+/);
    if (zoneId === undefined || name === undefined || weight === undefined || rest.length > 0) return `line ${index + 1}: write “zone name weight”`;
    if (!/^\d+$/.test(weight) || Number(weight) > 10_000) return `line ${index + 1}: the weight is a whole number from 0 to 10000`;
    groups.push({ appId: serviceId, description: null, groupId: null, groupKey: null, metadata: null, name, regionId, serviceId, status: 'active', zoneId, weight: Number(weight) });
  }
  return groups.length === 0 ? 'name at least one group' : groups;
}
