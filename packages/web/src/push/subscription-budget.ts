import { ArtemisError, ErrorCode } from '@artemis/core';

/** Bounds on what push sessions may hold. */
export interface SubscriptionLimits {
  /** Most services one session may subscribe to. */
  readonly maxSubscriptionsPerSession: number;
  /** Most subscriptions of all sessions together. */
  readonly maxSubscriptions: number;
  /** Most open push sessions (every channel together) from one remote address. */
  readonly maxSessionsPerAddress: number;
}

/**
 * The node's account of push sessions and subscriptions, shared by every push channel: what a
 * session may add is checked here before it is added, and given back when the session leaves.
 */
export class SubscriptionBudget {
  private total = 0;
  private readonly sessionsByAddress = new Map<string, number>();

  constructor(
    readonly limits: SubscriptionLimits,
    /** Where the count is shown (`push.json`), kept equal to {@link subscriptions}. */
    private readonly mirror: { subscriptions: number } = { subscriptions: 0 },
  ) {}

  /** Subscriptions held by every session. */
  get subscriptions(): number {
    return this.total;
  }

  /** Counts a new session from `address`; false (nothing counted) when the address has its maximum. */
  openSession(address: string): boolean {
    const open = this.sessionsByAddress.get(address) ?? 0;
    if (open >= this.limits.maxSessionsPerAddress) return false;
    this.sessionsByAddress.set(address, open + 1);
    return true;
  }

  /** Gives back a session counted by {@link openSession}. */
  closeSession(address: string): void {
    const open = (this.sessionsByAddress.get(address) ?? 0) - 1;
    if (open <= 0) this.sessionsByAddress.delete(address);
    else this.sessionsByAddress.set(address, open);
  }

  /**
   * Takes `adding` more subscriptions for a session that holds `held`; throws a `bad-request`
   * past the session's bound and a `service-unavailable` past the node's, taking nothing.
   */
  take(held: number, adding: number): void {
    if (adding <= 0) return;
    const perSession = this.limits.maxSubscriptionsPerSession;
    if (held + adding > perSession) {
      throw new ArtemisError(ErrorCode.badRequest, `a session may subscribe to at most ${perSession} services (push.maxSubscriptionsPerSession); this one has ${held} and asked for ${adding} more`);
    }
    if (this.total + adding > this.limits.maxSubscriptions) {
      throw new ArtemisError(ErrorCode.serviceUnavailable, `the node holds its maximum of ${this.limits.maxSubscriptions} subscriptions (push.maxSubscriptions); try again later or another node`);
    }
    this.total += adding;
    this.mirror.subscriptions = this.total;
  }

  /** Gives back `count` subscriptions. */
  release(count: number): void {
    this.total = Math.max(0, this.total - count);
    this.mirror.subscriptions = this.total;
  }
}
