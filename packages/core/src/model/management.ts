import type { InstanceKey, ServerKey } from './keys.js';
import type { Instance, Metadata } from './instance.js';

/** A zone of one service: `{"regionId","serviceId","zoneId"}`; identity is case-insensitive (docs/java-reference.md §3.8). */
export interface ZoneKey {
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly zoneId: string | null;
}

/**
 * Who changes management data, and why (Java's `OperationContext`, docs/java-reference.md §3.7). Every
 * management write carries these fields beside its payload; they are written to the log rows.
 */
export interface OperationContext {
  /** Free-form JSON text kept with the log rows; `"{}"` when absent. */
  readonly extensions: string | null;
  /** A free-form operation name, such as `pullout`. */
  readonly operation: string | null;
  readonly operatorId: string | null;
  /**
   * Set by a node with security on, not by callers: the body's `operatorId` when it differs
   * from the operator its bearer token names (which is what `operatorId` then records).
   * Kept in the log rows as `operatorNote`.
   */
  readonly operatorNote?: string | null;
  readonly reason: string | null;
  readonly token: string | null;
}

/** Status values of groups and route rules. */
export const ManagementStatus = {
  active: 'active',
  inactive: 'inactive',
} as const;

/** One of the group / route-rule status values. */
export type ManagementStatus = (typeof ManagementStatus)[keyof typeof ManagementStatus];

/** A group of instances of a service (docs/java-reference.md §3.7). `groupKey` is derived and read-only. */
export interface Group {
  readonly appId: string | null;
  readonly description: string | null;
  readonly groupId: number | null;
  readonly groupKey: string | null;
  readonly metadata: Metadata | null;
  readonly name: string | null;
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly status: string | null;
  readonly zoneId: string | null;
}

/** A group and the weight it gets in a route rule (`create-route-rule.json`). */
export interface GroupWeight extends Group {
  readonly weight: number | null;
}

/** A route rule as management stores it (Java's `ServiceRouteRule`). */
export interface ServiceRouteRule {
  readonly description: string | null;
  readonly name: string | null;
  readonly routeRuleId: number | null;
  readonly serviceId: string | null;
  readonly status: string | null;
  readonly strategy: string | null;
}

/**
 * A group's membership in a route rule. `unreleasedWeight` is what operators edit;
 * `weight` is the released value discovery serves (null is served as 5).
 */
export interface RouteRuleGroup {
  readonly groupId: number | null;
  readonly routeRuleGroupId: number | null;
  readonly routeRuleId: number | null;
  readonly unreleasedWeight: number | null;
  readonly weight: number | null;
}

/** The tags of a group, served as the group's metadata in route rules. */
export interface GroupTags {
  readonly groupId: number | null;
  readonly tags: Readonly<Record<string, string>> | null;
}

/** The operations recorded on a group; any operation pulls its instances out. */
export interface GroupOperations {
  readonly groupId: number | null;
  readonly operations: readonly string[] | null;
}

/** An instance listed in a group by instanceId. */
export interface GroupInstance {
  readonly groupId: number | null;
  readonly id: number | null;
  readonly instanceId: string | null;
}

/**
 * A logical instance of a service, defined in management rather than registered
 * (docs/java-reference.md §3.7): an instance's fields without a status (logical instances are always
 * served as `up`), plus its row id and a description.
 */
export interface ServiceInstance extends Omit<Instance, 'status'> {
  readonly description: string | null;
  readonly id: number | null;
}

/** The operations recorded on an instance. */
export interface InstanceOperations {
  readonly instanceKey: InstanceKey;
  readonly operations: readonly string[];
}

/** The operations recorded on a server (an IP). */
export interface ServerOperations {
  readonly operations: readonly string[];
  readonly serverKey: ServerKey;
}

/** The operations recorded on a zone of a service. */
export interface ZoneOperations {
  readonly operations: readonly string[];
  readonly zoneKey: ZoneKey;
}

/**
 * The group key of a group: lowercase `serviceId/regionId/zoneId/name`, blank parts skipped
 * (docs/java-reference.md §5.5).
 *
 * @example
 * ```ts
 * import { groupKeyOf } from '@artemis/core';
 * groupKeyOf({ serviceId: 'Orders', regionId: 'eu', zoneId: 'a', name: 'blue' }); // 'orders/eu/a/blue'
 * ```
 */
export function groupKeyOf(group: { readonly serviceId: string | null; readonly regionId: string | null; readonly zoneId: string | null; readonly name: string | null }): string {
  return [group.serviceId, group.regionId, group.zoneId, group.name]
    .filter((part): part is string => part !== null && part.trim() !== '')
    .join('/')
    .replace(/\/{2,}/g, '/')
    .toLowerCase();
}
