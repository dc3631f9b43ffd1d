/** Outlier ejection settings; defaults follow grpc-js's outlier detection. */
export interface OutlierEjectionOptions {
  /** Consecutive failures that eject an instance; default 5. */
  readonly consecutiveFailures?: number;
  /** First ejection time, ms; each new ejection of the same instance lasts this x its ejection count; default 30000. */
  readonly baseEjectionMs?: number;
  /** Longest ejection, ms; default 300000. */
  readonly maxEjectionMs?: number;
  /** Most instances ejected at once, percent of the candidates; default 10 (at least one). */
  readonly maxEjectionPercent?: number;
}

interface Stats {
  consecutiveFailures: number;
  ejections: number;
  ejectedUntil: number;
}

/**
 * Passive outlier ejection fed by `report()`: an instance that fails `consecutiveFailures`
 * times in a row is left out of picks for a while (growing with repeated ejections, capped),
 * never more than `maxEjectionPercent` of the candidates at once, and returns by itself.
 */
export class OutlierEjector {
  readonly consecutiveFailures: number;
  readonly baseEjectionMs: number;
  readonly maxEjectionMs: number;
  readonly maxEjectionPercent: number;
  private readonly stats = new Map<string, Stats>();

  constructor(
    options: OutlierEjectionOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.consecutiveFailures = options.consecutiveFailures ?? 5;
    this.baseEjectionMs = options.baseEjectionMs ?? 30_000;
    this.maxEjectionMs = options.maxEjectionMs ?? 300_000;
    this.maxEjectionPercent = options.maxEjectionPercent ?? 10;
  }

  /** Records the outcome of a call to instance `id`; `candidates` is how many instances the service has. */
  report(id: string, ok: boolean, candidates: number): void {
    let stats = this.stats.get(id);
    if (stats === undefined) {
      stats = { consecutiveFailures: 0, ejections: 0, ejectedUntil: 0 };
      this.stats.set(id, stats);
    }
    if (ok) {
      stats.consecutiveFailures = 0;
      return;
    }
    stats.consecutiveFailures += 1;
    if (stats.consecutiveFailures < this.consecutiveFailures || this.isEjected(id)) return;
    const allowed = Math.max(1, Math.floor((candidates * this.maxEjectionPercent) / 100));
    if (this.ejectedCount() >= allowed) return;
    stats.ejections += 1;
    stats.consecutiveFailures = 0;
    stats.ejectedUntil = this.now() + Math.min(this.maxEjectionMs, this.baseEjectionMs * stats.ejections);
  }

  /** True while instance `id` is ejected. */
  isEjected(id: string): boolean {
    const stats = this.stats.get(id);
    return stats !== undefined && stats.ejectedUntil > this.now();
  }

  /** Instances ejected now. */
  ejectedCount(): number {
    const now = this.now();
    let count = 0;
    for (const stats of this.stats.values()) if (stats.ejectedUntil > now) count += 1;
    return count;
  }

  /** Forgets instances no longer served, so the table stays bounded by the service's size. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.stats.keys()) if (!ids.has(id)) this.stats.delete(id);
  }
}
