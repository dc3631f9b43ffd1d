/**
 * Smooth weighted round-robin (nginx's): each pick adds every candidate's weight to its current
 * score, takes the highest, and subtracts the total from it. Over any window the picks follow
 * the weights closely and spread out (5,1,1 gives a a b a c a a, not a a a a a b c).
 */
export class SmoothWeightedRoundRobin<T> {
  private readonly weights: Float64Array;
  private readonly current: Float64Array;
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.weights = Float64Array.from(weights, (weight) => (Number.isFinite(weight) && weight > 0 ? weight : 0));
    this.current = new Float64Array(items.length);
    this.total = this.weights.reduce((sum, weight) => sum + weight, 0);
  }

  /** Number of candidates. */
  get size(): number {
    return this.items.length;
  }

  /** The next item, skipping those `skip` refuses; undefined when none is left. */
  next(skip?: (item: T) => boolean): T | undefined {
    let best = -1;
    let bestScore = -Infinity;
    let total = 0;
    const { weights, current, items } = this;
    for (let i = 0; i < items.length; i++) {
      const weight = weights[i] as number;
      if (weight === 0) continue;
      if (skip !== undefined && skip(items[i] as T)) continue;
      const score = (current[i] as number) + weight;
      current[i] = score;
      total += weight;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) return undefined;
    current[best] = (current[best] as number) - (skip === undefined ? this.total : total);
    return items[best];
  }
}
