import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import { DistinctRenewals, type CountedLease } from './distinct-renewals.js';

/** Settings of self-preservation (docs/operations.md, Limits). */
export interface SelfPreservationOptions {
  /** When false the checker always reports safe. */
  readonly enabled: boolean;
  /** Window over which renewed leases are counted (10 s - 5 min, whole seconds). */
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
  /** Distinct leases renewed within the window. */
  readonly renewalsInWindow: number;
  /** The highest count seen (less the leases unregistered since): what the node expects. */
  readonly maxCount: number;
  readonly maxCountLastUpdateTime: number;
  /** When the node stopped expiring leases; 0 while it expires them. */
  readonly unsafeSince: number;
  /** Why leases are not expired, or null while they are. */
  readonly reason: string | null;
}

/**
 * Java's LeaseUpdateSafeChecker, counting leases instead of renewals: when the leases renewed
 * within the window fall below a share of the highest count seen, the cause is more likely a
 * partition than a mass death, so leases stop expiring until renewals recover. Counting each
 * lease once per window means neither a burst of renewals nor a client renewing as fast as it
 * can (however unevenly) moves the expectation; only leases that stop renewing do. An
 * unregistered lease lowers the expectation by one: it left on purpose. Unregistered instances
 * are still removed while preserving.
 */
export class SelfPreservation {
  private readonly renewals: DistinctRenewals;
  private safe = true;
  private maxCount = 0;
  private maxCountLastUpdateTime = 0;
  private unsafeSince = 0;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly options: SelfPreservationOptions,
  ) {
    this.renewals = new DistinctRenewals(clock, options.windowMs);
  }

  /** Counts a renewal of `lease` (direct or replicated heartbeat). */
  recordRenewal(lease: CountedLease, now?: number): void {
    this.renewals.record(lease, now);
  }

  /** Takes an unregistered lease out of the count and out of the expectation. */
  forget(lease: CountedLease): void {
    if (this.renewals.forget(lease) && this.maxCount > 0) this.maxCount -= 1;
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
      if (this.safe) this.unsafeSince = now;
      this.safe = false;
      return;
    }
    if (!this.safe) this.logger.warn('lease renewals recovered; expiring leases again', { event: 'self-preservation-left', renewalsInWindow: count });
    this.safe = true;
    this.unsafeSince = 0;
    if (now - this.maxCountLastUpdateTime > this.options.maxCountResetIntervalMs) {
      this.maxCount = count;
      this.maxCountLastUpdateTime = now;
    }
  }

  /** The current state and counters. */
  state(): SelfPreservationState {
    const count = this.renewals.count();
    const preserving = !this.isSafe();
    return {
      isSafe: !preserving,
      enabled: this.options.enabled,
      renewalsInWindow: count,
      maxCount: this.maxCount,
      maxCountLastUpdateTime: this.maxCountLastUpdateTime,
      unsafeSince: preserving ? this.unsafeSince : 0,
      reason: preserving
        ? `${count} of the ${this.maxCount} leases expected renewed within ${this.options.windowMs / 1000} s, below ${this.options.percentageThreshold} %: leases are not expired until renewals recover`
        : null,
    };
  }
}
