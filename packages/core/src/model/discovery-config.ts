import type { Metadata } from './instance.js';

/** What a client asks discovery for (docs/java-reference.md §2.11). */
export interface DiscoveryConfig {
  readonly discoveryData: Metadata | null;
  readonly regionId: string | null;
  readonly serviceId: string | null;
  readonly zoneId: string | null;
}
