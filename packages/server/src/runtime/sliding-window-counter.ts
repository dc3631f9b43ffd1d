import type { Clock } from './clock.js';

/**
 * Counts events over a sliding window made of fixed buckets (1 s by default), as caravan's
 * counters do for rate limits and the lease-renewal safe checker.
 */
export class SlidingWindowCounter {
  private readonly buckets: Float64Array;
  private readonly bucketStarts: Float64Array;
  private total = 0;

  constructor(
    private readonly clock: Clock,
    readonly windowMs: number,
    private readonly bucketMs = 1000,
  ) {
    const size = Math.max(1, Math.ceil(windowMs / bucketMs));
    this.buckets = new Float64Array(size);
    this.bucketStarts = new Float64Array(size).fill(-Infinity);
  }

  /** Adds `n` events now. */
  add(n = 1): void {
    const now = this.clock.now();
    const start = now - (now % this.bucketMs);
    const index = Math.floor(start / this.bucketMs) % this.buckets.length;
    if (this.bucketStarts[index] !== start) {
      // The slot holds an old bucket: drop its events before reusing it.
      this.total -= this.buckets[index] ?? 0;
      this.buckets[index] = 0;
      this.bucketStarts[index] = start;
    }
    this.buckets[index] = (this.buckets[index] ?? 0) + n;
    this.total += n;
  }

  /** Events within the window ending now. */
  count(): number {
    this.expire();
    return this.total;
  }

  /** Forgets every event. */
  reset(): void {
    this.buckets.fill(0);
    this.bucketStarts.fill(-Infinity);
    this.total = 0;
  }

  private expire(): void {
    const now = this.clock.now();
    const oldest = now - (now % this.bucketMs) - (this.buckets.length - 1) * this.bucketMs;
    for (let i = 0; i < this.buckets.length; i++) {
      if ((this.bucketStarts[i] ?? 0) < oldest && this.buckets[i] !== 0) {
        this.total -= this.buckets[i] ?? 0;
        this.buckets[i] = 0;
      }
    }
  }
}
