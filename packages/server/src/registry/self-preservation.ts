import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import { SlidingWindowCounter } from '../runtime/sliding-window-counter.js';

/** Settings of self-preservation (java-reference §4.3). */
export interface SelfPreservationOptions {
  /** When false the checker always reports safe. */
  readonly enabled: boolean;
  /** Window over which renewals are counted (10 s - 5 min, whole seconds). */
  readonly windowMs: number;
  /** Below this percentage of the highest count seen, the registry stops expiring leases. */
  readonly percentageThreshold: number;
  /** The highest count must reach this before the checker judges at all. */
  readonly maxCountThreshold: number;
  /** While safe, the highest count is re-based on the current one after this long. */
  readonly maxCountResetIntervalMs: number;
}

/** What self-preservation shows in `leases.json` and metrics. */
export interface SelfPreservationState {
  readonly isSafe: boolean;
  readonly enabled: boolean;
  readonly renewalsInWindow: number;
  readonly maxCount: number;
  readonly maxCountLastUpdateTime: number;
}

/**
 * Java's LeaseUpdateSafeChecker: when renewals fall below a share of the highest count seen,
 * the cause is more likely a partition than a mass death, so leases stop expiring until
 * renewals recover. Unregistered instances are still removed.
 */
export class SelfPreservation {
  private readonly renewals: SlidingWindowCounter;
  private safe = true;
  private maxCount = 0;
  private maxCountLastUpdateTime = 0;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly options: SelfPreservationOptions,
  ) {
    this.renewals = new SlidingWindowCounter(clock, options.windowMs);
  }

  /** Counts one renewal (direct or replicated heartbeat). */
  recordRenewal(): void {
    this.renewals.add(1);
  }

  /** True when expired leases may be removed. */
  isSafe(): boolean {
    return this.safe || !this.options.enabled;
  }

  /** Re-evaluates the state; run every second. */
  check(): void {
    const now = this.clock.now();
    const count = this.renewals.count();
    if (count > this.maxCount) {
      this.maxCount = count;
      this.maxCountLastUpdateTime = now;
      return;
    }
    if (this.maxCount < this.options.maxCountThreshold || this.maxCount <= 0) return;
    const percentage = (count * 100) / this.maxCount;
    if (percentage < this.options.percentageThreshold) {
      if (this.safe) {
        this.logger.error('Lease update count is too low! Maybe something bad happen! Renewal pencentage is: ' + Math.floor(percentage), {
          event: 'self-preservation-entered',
          renewalsInWindow: count,
          maxCount: this.maxCount,
        });
      }
      this.safe = false;
      return;
    }
    if (!this.safe) this.logger.warn('lease renewals recovered; expiring leases again', { event: 'self-preservation-left', renewalsInWindow: count });
    this.safe = true;
    if (now - this.maxCountLastUpdateTime > this.options.maxCountResetIntervalMs) {
      this.maxCount = count;
      this.maxCountLastUpdateTime = now;
    }
  }

  /** The current state and counters. */
  state(): SelfPreservationState {
    return {
      isSafe: this.isSafe(),
      enabled: this.options.enabled,
      renewalsInWindow: this.renewals.count(),
      maxCount: this.maxCount,
      maxCountLastUpdateTime: this.maxCountLastUpdateTime,
    };
  }
}
