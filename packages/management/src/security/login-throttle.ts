/** Limits of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failures per user name within the window before its logins are refused (default 5). */
  readonly maxFailuresPerUser: number;
  /** Failures per remote address within the window (default 20). */
  readonly maxFailuresPerAddress: number;
  /** The window, from the first failure (default 15 minutes). */
  readonly windowMs: number;
  /** Most user names and addresses remembered each; the oldest are forgotten first (default 10,000). */
  readonly maxEntries: number;
}

/** Default login limits. */
export const defaultLoginThrottleOptions: LoginThrottleOptions = { maxFailuresPerUser: 5, maxFailuresPerAddress: 20, windowMs: 15 * 60_000, maxEntries: 10_000 };

interface Failures {
  count: number;
  readonly resetAt: number;
}

/** A map of failure counts that forgets the oldest key when full, so it stays bounded under a spray. */
class FailureCounter {
  private readonly entries = new Map<string, Failures>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxEntries: number,
  ) {}

  /** Milliseconds until `key` may try again, or 0. */
  blockedFor(key: string, now: number): number {
    const entry = this.entries.get(key);
    if (entry === undefined) return 0;
    if (entry.resetAt <= now) {
      this.entries.delete(key);
      return 0;
    }
    return entry.count >= this.max ? entry.resetAt - now : 0;
  }

  fail(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.resetAt > now) {
      entry.count += 1;
      return;
    }
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { count: 1, resetAt: now + this.windowMs });
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Refuses logins for a user name or a remote address after too many failures in a window.
 * A success clears the user's count (not the address's: one address may be guessing many users).
 * Both maps are bounded.
 */
export class LoginThrottle {
  private readonly users: FailureCounter;
  private readonly addresses: FailureCounter;

  constructor(
    options: Partial<LoginThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    const o = { ...defaultLoginThrottleOptions, ...options };
    this.users = new FailureCounter(o.maxFailuresPerUser, o.windowMs, o.maxEntries);
    this.addresses = new FailureCounter(o.maxFailuresPerAddress, o.windowMs, o.maxEntries);
  }

  /** Milliseconds before this user or address may try again, or 0 when it may now. */
  blockedFor(userName: string, address: string): number {
    const now = this.now();
    return Math.max(this.users.blockedFor(userName.toLowerCase(), now), this.addresses.blockedFor(address, now));
  }

  failed(userName: string, address: string): void {
    const now = this.now();
    this.users.fail(userName.toLowerCase(), now);
    this.addresses.fail(address, now);
  }

  succeeded(userName: string): void {
    this.users.clear(userName.toLowerCase());
  }

  /** Entries held (user names, addresses), for tests of the bound. */
  get sizes(): { users: number; addresses: number } {
    return { users: this.users.size, addresses: this.addresses.size };
  }
}
