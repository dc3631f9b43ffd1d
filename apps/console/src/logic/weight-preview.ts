import { fixWeight, RouteStrategy } from '@artemis/core';

/** A group of a route rule, as the preview needs it. */
export interface PreviewGroup {
  readonly groupKey: string;
  readonly zoneId: string | null;
  /** The weight as stored (null is served as 5, above 10000 as 10000: `fixWeight`). */
  readonly weight: number | null;
  /** Inactive groups are not served. */
  readonly active: boolean;
  /** Instances discovery serves in the group; null when unknown. */
  readonly instances: number | null;
}

/** What one group gets. */
export interface GroupShare {
  readonly groupKey: string;
  /** The weight discovery serves. */
  readonly weight: number;
  /** The fraction of calls, 0..1. */
  readonly share: number;
}

/** What clients of one zone would get. */
export interface ZonePreview {
  readonly zoneId: string;
  readonly shares: readonly GroupShare[];
  /** Why the shares are what they are, when it is not plain weights. */
  readonly note: string | null;
}

/** Each served group's weight and share of calls: active groups with instances (when known), by weight. */
export function sharesOf(groups: readonly PreviewGroup[]): GroupShare[] {
  const served = groups.filter((group) => group.active && group.instances !== 0);
  const total = served.reduce((sum, group) => sum + fixWeight(group.weight), 0);
  return served.map((group) => ({ groupKey: group.groupKey, weight: fixWeight(group.weight), share: total === 0 ? 0 : fixWeight(group.weight) / total }));
}

/**
 * What clients in each zone would get from a rule. `weighted-round-robin` splits calls by
 * weight wherever the client is; `close-by-visit` keeps a client's calls in the groups of its
 * own zone, by weight among them, and uses every group only when its zone has none served.
 */
export function previewByZone(strategy: string | null, groups: readonly PreviewGroup[], zones: readonly string[]): ZonePreview[] {
  const everywhere = sharesOf(groups);
  return zones.map((zoneId) => {
    if (strategy !== RouteStrategy.closeByVisit) return { zoneId, shares: everywhere, note: null };
    const local = sharesOf(groups.filter((group) => (group.zoneId ?? '').toLowerCase() === zoneId.toLowerCase()));
    if (local.length > 0 && local.some((share) => share.weight > 0)) return { zoneId, shares: local, note: 'own zone only' };
    return { zoneId, shares: everywhere, note: 'no group in this zone: every group' };
  });
}

/** The groups whose unreleased weight differs from the released one. */
export function unreleased<T extends { readonly weight: number | null; readonly unreleasedWeight: number | null }>(rows: readonly T[]): T[] {
  return rows.filter((row) => row.unreleasedWeight !== null && row.unreleasedWeight !== row.weight);
}

/** A share as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
