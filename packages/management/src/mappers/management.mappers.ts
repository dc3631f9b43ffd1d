import type { Group, Instance, Metadata, RouteRuleGroup, ServiceInstance, ServiceRouteRule } from '@artemis/core';
import { groupKeyOf } from '@artemis/core';
import type { GroupRow } from '../database/tables/group.table.js';
import type { RouteRuleGroupRow } from '../database/tables/route-rule-group.table.js';
import type { RouteRuleRow } from '../database/tables/route-rule.table.js';
import type { ServiceInstanceRow } from '../database/tables/service-instance.table.js';

/** Optional text as served: an empty column reads as null. */
export function orNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : value;
}

/** Optional text as stored: null becomes the empty string (the columns are `not null default ''`). */
export function orEmpty(value: string | null | undefined): string {
  return value ?? '';
}

/** Reads the JSON text of a logical instance's metadata; anything unreadable is no metadata, as in Java. */
export function parseMetadata(text: string): Metadata {
  if (text.trim() === '') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const metadata: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(parsed)) metadata[key] = value === null ? null : String(value);
    return metadata;
  } catch {
    return {};
  }
}

/** A group row on the wire (metadata null, as Java serves groups). */
export function toGroup(row: GroupRow): Group {
  return {
    appId: row.app_id,
    description: row.description,
    groupId: row.id,
    groupKey: groupKeyOf({ serviceId: row.service_id, regionId: row.region_id, zoneId: row.zone_id, name: row.name }),
    metadata: null,
    name: row.name,
    regionId: row.region_id,
    serviceId: row.service_id,
    status: row.status,
    zoneId: row.zone_id,
  };
}

/** A route rule row on the wire. */
export function toServiceRouteRule(row: RouteRuleRow): ServiceRouteRule {
  return { description: row.description, name: row.name, routeRuleId: row.id, serviceId: row.service_id, status: row.status, strategy: row.strategy };
}

/** A route-rule-group row on the wire. */
export function toRouteRuleGroup(row: RouteRuleGroupRow): RouteRuleGroup {
  return { groupId: row.group_id, routeRuleGroupId: row.id, routeRuleId: row.route_rule_id, unreleasedWeight: row.unreleased_weight, weight: row.weight };
}

/** A logical instance row on the wire, as `get-service-instances.json` lists it. */
export function toServiceInstance(row: ServiceInstanceRow): ServiceInstance {
  return {
    description: row.description,
    groupId: orNull(row.group_id),
    healthCheckUrl: orNull(row.health_check_url),
    id: row.id,
    instanceId: row.instance_id,
    ip: orNull(row.ip),
    machineName: orNull(row.machine_name),
    metadata: parseMetadata(row.metadata),
    port: row.port,
    protocol: orNull(row.protocol),
    regionId: orNull(row.region_id),
    serviceId: row.service_id,
    url: orNull(row.url),
    zoneId: orNull(row.zone_id),
  };
}

/** A logical instance as discovery serves it: status `up`, metadata parsed (docs/java-reference.md §5.3). */
export function toLogicalInstance(row: ServiceInstanceRow): Instance {
  return {
    groupId: orNull(row.group_id),
    healthCheckUrl: orNull(row.health_check_url),
    instanceId: row.instance_id,
    ip: orNull(row.ip),
    machineName: orNull(row.machine_name),
    metadata: parseMetadata(row.metadata),
    port: row.port,
    protocol: orNull(row.protocol),
    regionId: orNull(row.region_id),
    serviceId: row.service_id,
    status: 'up',
    url: orNull(row.url),
    zoneId: orNull(row.zone_id),
  };
}
