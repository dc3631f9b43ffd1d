import type { Clock } from '../runtime/clock.js';
import { SlidingWindowCounter } from '../runtime/sliding-window-counter.js';
import { ClientBudgets } from './client-budgets.js';

/** Fair limits per client, beside the node-wide ones. */
export interface PerClientLimitOptions {
  /** When false, only the node-wide limits apply. */
  readonly enabled: boolean;
  /** Requests one client may make per window for an id without its own limit; default a quarter of the node's limit. */
  readonly defaultLimit?: number;
  /** Per-id limits for one client. */
  readonly limits?: Readonly<Record<string, number>>;
  /** Most clients tracked at once; the least recently seen is forgotten first. */
  readonly maxClients: number;
}

/** Settings of one rate limiter (docs/configuration.md, `rateLimits`). */
export interface RateLimiterOptions {
  /** When false, nothing is limited. */
  readonly enabled: boolean;
  /** Requests allowed per window for an id without its own limit. */
  readonly defaultLimit: number;
  /** Per-id limits, overriding the default. */
  readonly limits: Readonly<Record<string, number>>;
  /** Window length; Java uses 10 s of 1 s buckets. */
  readonly windowMs: number;
  /** Fair limits per client (remote address, or push session); absent: none. */
  readonly perClient?: PerClientLimitOptions;
}

/** Default per-client settings: a quarter of every node-wide budget, 10,000 clients tracked. */
export const defaultPerClientLimits: PerClientLimitOptions = { enabled: true, maxClients: 10_000 };

/** A client's default share of a node-wide limit. */
const CLIENT_SHARE = 0.25;

/**
 * A sliding-window limiter counted per "rate id": a request is refused when the window already
 * holds `limit` requests for its id, and a refused request does not count. Java's limits are
 * node-wide; beside them, a request that names its client is also held to the client's own
 * budget, so that one client cannot use up what every other client needs.
 *
 * @example
 * ```ts
 * import { RateLimiter, systemClock } from '@artemis/server';
 * const limiter = new RateLimiter(systemClock, { enabled: true, defaultLimit: 30, limits: { 'get-leases': 10 }, windowMs: 10_000 });
 * if (!limiter.tryAcquire('get-leases', '10.0.0.7')) reply(RATE_LIMITED);
 * ```
 */
export class RateLimiter {
  private readonly counters = new Map<string, SlidingWindowCounter>();
  private readonly clients: ClientBudgets | null;
  /** Requests refused by the node-wide limits. */
  refusedByNode = 0;
  /** Requests refused by a client's own limit. */
  refusedByClient = 0;

  constructor(
    private readonly clock: Clock,
    readonly options: RateLimiterOptions,
  ) {
    const perClient = options.perClient;
    this.clients = perClient?.enabled === true ? new ClientBudgets(clock, options.windowMs, perClient.maxClients) : null;
  }

  /** Counts one request for `id` (from `client`, when known); false when it is over a limit. */
  tryAcquire(id: string, client?: string): boolean {
    if (!this.options.enabled) return true;
    const counter = this.counterOf(id);
    if (counter.count() >= this.limitOf(id)) {
      this.refusedByNode += 1;
      return false;
    }
    if (client !== undefined && this.clients !== null) {
      const own = this.clients.counter(client, id);
      if (own.count() >= this.clientLimitOf(id)) {
        this.refusedByClient += 1;
        return false;
      }
      own.add(1);
    }
    counter.add(1);
    return true;
  }

  /** The limit that applies to `id`. */
  limitOf(id: string): number {
    return this.options.limits[id] ?? this.options.defaultLimit;
  }

  /** The limit one client has for `id`. */
  clientLimitOf(id: string): number {
    const perClient = this.options.perClient;
    return perClient?.limits?.[id] ?? perClient?.defaultLimit ?? Math.max(1, Math.ceil(this.limitOf(id) * CLIENT_SHARE));
  }

  /** Clients with a budget being tracked. */
  get trackedClients(): number {
    return this.clients?.size ?? 0;
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
