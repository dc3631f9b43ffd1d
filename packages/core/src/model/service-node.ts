import type { Metadata } from './instance.js';

/** A zone of a region (docs/java-reference.md §2.10). */
export interface Zone {
  readonly metadata: Metadata | null;
  readonly regionId: string | null;
  readonly zoneId: string | null;
}

/** A node of the Artemis cluster: its base URL and zone. */
export interface ServiceNode {
  readonly url: string;
  readonly zone: Zone;
}

/** Node states (docs/java-reference.md §2.12). */
export const NodeState = {
  starting: 'starting',
  up: 'up',
  down: 'down',
  unknown: 'unknown',
} as const;

/** One of the node states. */
export type NodeState = (typeof NodeState)[keyof typeof NodeState];

/** A node and what it can serve now (docs/java-reference.md §2.12). */
export interface ServiceNodeStatus {
  readonly allowDiscoveryFromOtherZone: boolean | null;
  readonly allowRegistryFromOtherZone: boolean | null;
  readonly canServiceDiscovery: boolean | null;
  readonly canServiceRegistry: boolean | null;
  readonly node: ServiceNode | null;
  readonly status: string;
}
