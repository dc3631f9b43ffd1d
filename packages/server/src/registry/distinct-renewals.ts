import type { Clock } from '../runtime/clock.js';

/** What the counter needs of a lease: where it was last counted. */
export interface CountedLease {
  /** The bucket (time / bucket length) the lease was last counted in; -1 never. */
  renewalBucket: number;
}

/**
 * The number of distinct leases renewed within a sliding window of fixed buckets. A lease is
 * counted once, in the bucket of its latest renewal: renewing it again moves it to the current
 * bucket instead of adding to the count. However fast or unevenly clients renew, the count is
 * how many leases are alive and renewing; a burst of renewals cannot raise it.
 */
export class DistinctRenewals {
  private readonly counts: Float64Array;
  private readonly ids: Float64Array;
  private total = 0;

  constructor(
    private readonly clock: Clock,
    readonly windowMs: number,
    private readonly bucketMs = 1000,
  ) {
    const size = Math.max(1, Math.ceil(windowMs / bucketMs));
    this.counts = new Float64Array(size);
    this.ids = new Float64Array(size).fill(-1);
  }

  /** Counts a renewal of `lease` at `now` (by default, now). */
  record(lease: CountedLease, now: number = this.clock.now()): void {
    const bucket = Math.floor(now / this.bucketMs);
    if (lease.renewalBucket === bucket) return;
    this.uncount(lease);
    const slot = bucket % this.counts.length;
    if (this.ids[slot] !== bucket) {
      this.total -= this.counts[slot] ?? 0;
      this.counts[slot] = 0;
      this.ids[slot] = bucket;
    }
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
    this.total += 1;
    lease.renewalBucket = bucket;
  }

  /** Takes `lease` out of the count (it was unregistered); true when it was counted. */
  forget(lease: CountedLease): boolean {
    const counted = this.uncount(lease);
    lease.renewalBucket = -1;
    return counted;
  }

  /** Distinct leases renewed within the window ending now. */
  count(): number {
    const oldest = Math.floor(this.clock.now() / this.bucketMs) - this.counts.length + 1;
    for (let slot = 0; slot < this.counts.length; slot++) {
      if ((this.ids[slot] ?? -1) < oldest && this.counts[slot] !== 0) {
        this.total -= this.counts[slot] ?? 0;
        this.counts[slot] = 0;
      }
    }
    return this.total;
  }

  private uncount(lease: CountedLease): boolean {
    const previous = lease.renewalBucket;
    if (previous < 0) return false;
    const slot = previous % this.counts.length;
    if (this.ids[slot] !== previous || (this.counts[slot] ?? 0) <= 0) return false;
    this.counts[slot] = (this.counts[slot] ?? 0) - 1;
    this.total -= 1;
    return true;
  }
}
