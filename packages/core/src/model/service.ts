import type { Instance, Metadata } from './instance.js';

/** Route strategies carried by route rules (docs/java-reference.md §2.7). */
export const RouteStrategy = {
  weightedRoundRobin: 'weighted-round-robin',
  closeByVisit: 'close-by-visit',
} as const;

/** One of the route strategies. */
export type RouteStrategy = (typeof RouteStrategy)[keyof typeof RouteStrategy];

/** Reserved ids of route rules and groups (docs/java-reference.md §2.7). */
export const ReservedRouteIds = {
  defaultRouteRule: 'default-route-rule',
  canaryRouteRule: 'canary-route-rule',
  defaultGroupKey: 'default-group-key',
} as const;

/** A weighted group of instances inside a route rule (docs/java-reference.md §2.5). */
export interface ServiceGroup {
  readonly groupKey: string;
  readonly instanceIds: readonly string[] | null;
  readonly instances: readonly Instance[] | null;
  readonly metadata: Metadata | null;
  readonly weight: number | null;
}

/** A route rule served with a service (docs/java-reference.md §2.7). */
export interface RouteRule {
  readonly groups: readonly ServiceGroup[] | null;
  readonly routeId: string;
  readonly strategy: string;
}

/** A service as discovery serves it (docs/java-reference.md §2.4). */
export interface Service {
  readonly instances: readonly Instance[] | null;
  readonly logicInstances: readonly Instance[] | null;
  readonly metadata: Metadata | null;
  readonly routeRules: readonly RouteRule[] | null;
  readonly serviceId: string;
}

/** An empty service: every field null but the id, as Java's `new Service(serviceId)`. */
export function emptyService(serviceId: string): Service {
  return { instances: null, logicInstances: null, metadata: null, routeRules: null, serviceId };
}

/** Weight normalisation (`ServiceGroups.fixWeight`): null or negative -> 5, above 10000 -> 10000. */
export function fixWeight(weight: number | null | undefined): number {
  if (weight === null || weight === undefined || weight < 0) return 5;
  return Math.min(weight, 10_000);
}
