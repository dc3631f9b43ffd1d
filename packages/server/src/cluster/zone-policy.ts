import { isBlank } from '@artemis/core';

/** Whether a node serves callers of other zones, per function (docs/java-reference.md §4.1, §5.1). */
export interface ZonePolicyOptions {
  readonly regionId: string;
  readonly zoneId: string;
  readonly allowFromOtherZone: boolean;
}

/**
 * The region and zone check of registry and discovery calls: the region must be the node's
 * (case-insensitive); the zone too, unless other zones are allowed.
 */
export class ZonePolicy {
  private readonly region: string;
  private readonly zone: string;

  constructor(
    readonly options: ZonePolicyOptions,
    private readonly role: 'registry' | 'discovery',
  ) {
    this.region = options.regionId.toLowerCase();
    this.zone = options.zoneId.toLowerCase();
  }

  /** Null when allowed; otherwise the reason, worded as Java words it. */
  check(regionId: string | null, zoneId: string | null): string | null {
    if (isBlank(regionId) || regionId.toLowerCase() !== this.region) {
      return `regionId is not the same as the ${this.role} node. regionId: ${String(regionId)}, ${this.role} node.regionId: ${this.options.regionId}`;
    }
    if (!this.options.allowFromOtherZone && (isBlank(zoneId) || zoneId.toLowerCase() !== this.zone)) {
      return `zoneId is not the same as the ${this.role} node. zoneId: ${String(zoneId)}, ${this.role} node.zoneId: ${this.options.zoneId}`;
    }
    return null;
  }
}
