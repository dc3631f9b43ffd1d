import type { Clock } from '../runtime/clock.js';
import { SlidingWindowCounter } from '../runtime/sliding-window-counter.js';

/** Settings of one rate limiter (java-reference §4.6). */
export interface RateLimiterOptions {
  /** When false, nothing is limited. */
  readonly enabled: boolean;
  /** Requests allowed per window for an id without its own limit. */
  readonly defaultLimit: number;
  /** Per-id limits, overriding the default. */
  readonly limits: Readonly<Record<string, number>>;
  /** Window length; Java uses 10 s of 1 s buckets. */
  readonly windowMs: number;
}

/**
 * A sliding-window limiter counted per "rate id": a request is refused when the window already
 * holds `limit` requests for its id, and a refused request does not count.
 *
 * @example
 * ```ts
 * import { RateLimiter, systemClock } from '@artemis/server';
 * const limiter = new RateLimiter(systemClock, { enabled: true, defaultLimit: 30, limits: { 'get-leases': 10 }, windowMs: 10_000 });
 * if (!limiter.tryAcquire('get-leases')) reply(RATE_LIMITED);
 * ```
 */
export class RateLimiter {
  private readonly counters = new Map<string, SlidingWindowCounter>();

  constructor(
    private readonly clock: Clock,
    readonly options: RateLimiterOptions,
  ) {}

  /** Counts one request for `id`; false when it is over the limit. */
  tryAcquire(id: string): boolean {
    if (!this.options.enabled) return true;
    const counter = this.counterOf(id);
    if (counter.count() >= this.limitOf(id)) return false;
    counter.add(1);
    return true;
  }

  /** The limit that applies to `id`. */
  limitOf(id: string): number {
    return this.options.limits[id] ?? this.options.defaultLimit;
  }

  private counterOf(id: string): SlidingWindowCounter {
    let counter = this.counters.get(id);
    if (counter === undefined) {
      counter = new SlidingWindowCounter(this.clock, this.options.windowMs);
      this.counters.set(id, counter);
    }
    return counter;
  }
}
