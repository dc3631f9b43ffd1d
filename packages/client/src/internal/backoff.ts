/** Settings of a capped, jittered exponential backoff (gRPC's shape: 1 s x 1.6, 20 % jitter). */
export interface BackoffOptions {
  /** First delay, ms. */
  readonly initialMs: number;
  /** Growth per attempt. */
  readonly multiplier: number;
  /** Longest delay, ms. */
  readonly maxMs: number;
  /** Relative jitter, 0..1: the delay varies by +/- this share. */
  readonly jitter: number;
}

/** Defaults used for reconnects and retries when every node failed. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 100, multiplier: 1.6, maxMs: 30_000, jitter: 0.2 };

/** Successive delays of a backoff; `reset()` after a success. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** The next delay, ms. */
  next(): number {
    const base = Math.min(this.options.maxMs, this.options.initialMs * this.options.multiplier ** this.attempt);
    this.attempt += 1;
    const spread = base * this.options.jitter * (this.random() * 2 - 1);
    return Math.max(0, Math.round(base + spread));
  }

  /** Starts again from the first delay. */
  reset(): void {
    this.attempt = 0;
  }

  /** Attempts since the last reset. */
  get attempts(): number {
    return this.attempt;
  }
}

/**
 * A token bucket: `burst` actions at once, then one per `refillMs`. Reconnects go through it so
 * that a node restart seen by thousands of clients does not turn into a connect storm.
 */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly burst: number,
    private readonly refillMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.updated = now();
  }

  /** Takes a token; returns 0 when one was available, else the wait in ms until one is. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.updated) / this.refillMs);
    this.updated = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) * this.refillMs);
  }
}

/** A promise that resolves after `ms`, or at once when `signal` aborts. The timer is cleared either way. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
