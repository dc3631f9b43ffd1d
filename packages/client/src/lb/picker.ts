import { RouteStrategy, type Instance } from '@artemis/core';
import type { ResolvedRule } from '../discovery/route-rules.js';
import { HashRing } from './consistent-hash.js';
import type { OutlierEjector } from './outlier-ejection.js';
import { SmoothWeightedRoundRobin } from './smooth-wrr.js';

/** An instance with what picking needs precomputed. */
export interface Candidate {
  readonly instance: Instance;
  /** Lowercase instanceId: the key of ejection and hashing. */
  readonly id: string;
  readonly weight: number;
}

/** One tier of candidates (a zone, the region, everything) with its balancers. */
class Tier {
  readonly wrr: SmoothWeightedRoundRobin<Candidate>;
  private ring: HashRing<Candidate> | null = null;

  constructor(readonly candidates: readonly Candidate[]) {
    this.wrr = new SmoothWeightedRoundRobin(candidates, candidates.map((candidate) => candidate.weight));
  }

  hashed(key: string, skip: ((candidate: Candidate) => boolean) | undefined): Candidate | undefined {
    this.ring ??= new HashRing(this.candidates, (candidate) => candidate.id, this.candidates.map((candidate) => candidate.weight / this.meanWeight()));
    return this.ring.get(key, skip);
  }

  private meanWeight(): number {
    const total = this.candidates.reduce((sum, candidate) => sum + candidate.weight, 0);
    return total / Math.max(1, this.candidates.length) || 1;
  }
}

/** What a pick may ask for. */
export interface PickOptions {
  /** Same key, same instance (while it is served): consistent hashing. */
  readonly hashKey?: string;
  /** Use this route rule instead of the served one. */
  readonly routeId?: string;
  /** Instances not to return (e.g. those already tried for this call). */
  readonly exclude?: (instance: Instance) => boolean;
}

/** Instance weight from its metadata `weight` (default 1). */
function instanceWeight(instance: Instance): number {
  const raw = instance.metadata?.['weight'];
  const weight = raw === undefined || raw === null ? 1 : Number(raw);
  return Number.isFinite(weight) && weight > 0 ? weight : 1;
}

/** True for an instance that may take traffic: status `up`, or no status given. */
export function isServable(instance: Instance): boolean {
  return instance.status === null || instance.status === '' || instance.status.toLowerCase() === 'up';
}

/**
 * Picks instances by one resolved route rule: `weighted-round-robin` runs smooth WRR over
 * group weight x instance weight (an instance's share of its group's weight is its metadata
 * `weight` over the group's total); `close-by-visit` does the same within the client's own zone,
 * then its region, then everywhere, moving on only when a tier has nothing left to give. A
 * rule with no servable instance falls back to every servable instance.
 */
export class RulePicker {
  private readonly tiers: readonly Tier[];

  constructor(rule: ResolvedRule | undefined, all: readonly Instance[], deployment: { readonly regionId: string; readonly zoneId: string }) {
    let candidates: Candidate[] = [];
    const seen = new Set<string>();
    for (const group of rule?.groups ?? []) {
      const members = group.instances.filter(isServable);
      const total = members.reduce((sum, instance) => sum + instanceWeight(instance), 0);
      for (const instance of members) {
        const id = String(instance.instanceId).toLowerCase();
        if (seen.has(id)) continue;
        seen.add(id);
        candidates.push({ instance, id, weight: (group.weight * instanceWeight(instance)) / total });
      }
    }
    if (candidates.length === 0) {
      candidates = all.filter(isServable).map((instance) => ({ instance, id: String(instance.instanceId).toLowerCase(), weight: instanceWeight(instance) }));
    }
    if (rule?.strategy === RouteStrategy.closeByVisit) {
      const zone = deployment.zoneId.toLowerCase();
      const region = deployment.regionId.toLowerCase();
      const inRegion = candidates.filter((candidate) => (candidate.instance.regionId ?? '').toLowerCase() === region);
      const inZone = inRegion.filter((candidate) => (candidate.instance.zoneId ?? '').toLowerCase() === zone);
      this.tiers = [inZone, inRegion, candidates].filter((tier, index, tiers) => tier.length > 0 && (index === 0 || tier.length !== (tiers[index - 1] as Candidate[]).length)).map((tier) => new Tier(tier));
    } else {
      this.tiers = candidates.length === 0 ? [] : [new Tier(candidates)];
    }
  }

  /** Every candidate of every tier (the widest tier holds them all). */
  get size(): number {
    return this.tiers.at(-1)?.candidates.length ?? 0;
  }

  /** One instance, or undefined when nothing is servable. Ejected instances are avoided while others remain. */
  pick(options: PickOptions, ejector: OutlierEjector | null): Instance | undefined {
    const exclude = options.exclude;
    const strict = (candidate: Candidate): boolean => (ejector !== null && ejector.isEjected(candidate.id)) || (exclude !== undefined && exclude(candidate.instance));
    const loose = exclude === undefined ? undefined : (candidate: Candidate): boolean => exclude(candidate.instance);
    const noSkip = ejector === null && exclude === undefined;
    for (const skip of noSkip ? [undefined] : [strict, loose]) {
      for (const tier of this.tiers) {
        const chosen = options.hashKey !== undefined ? tier.hashed(options.hashKey, skip) : tier.wrr.next(skip);
        if (chosen !== undefined) return chosen.instance;
      }
    }
    return undefined;
  }
}
