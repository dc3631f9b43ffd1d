import type { ReplicatedItem } from '@artemis/core';
import type { Scheduler, Cancel } from '../runtime/scheduler.js';

/** Batching, bounds and backoff of one peer's replication queue. */
export interface PeerQueueOptions {
  /**
   * Longest a renewal waits for company (default 100 ms). Changes (register, unregister, a
   * heartbeat that moves ownership) do not wait: they leave at once when no request is in flight.
   */
  readonly batchDelayMs: number;
  /** Items in one request; a full batch is sent at once (default 500). */
  readonly batchSize: number;
  /** Most items held for one peer; past it the peer is marked dirty (default 20,000). */
  readonly maxItems: number;
  /** First retry delay after a failed send (default 200 ms), doubled up to `maxBackoffMs`. */
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
}

/** Queue defaults. */
export const defaultPeerQueueOptions: PeerQueueOptions = { batchDelayMs: 100, batchSize: 500, maxItems: 20_000, baseBackoffMs: 200, maxBackoffMs: 5_000 };

/** How a send ended: `retry` keeps the items for another try, `permanent` gives them up to anti-entropy. */
export type SendOutcome = 'ok' | 'retry' | 'permanent';

/** Counters of one queue, for status and metrics. */
export interface PeerQueueStats {
  depth: number;
  sent: number;
  batches: number;
  coalesced: number;
  retried: number;
  overflowed: number;
  failedBatches: number;
  /** Set when items were given up (overflow, permanent error): anti-entropy must repair the peer. */
  dirty: boolean;
  /** Since when (epoch ms) the queue has held undelivered writes; null while it is empty. */
  pendingSince: number | null;
}

/** A renewal waits for the batch window; every other item is a change, sent as soon as it can be. */
function isChange(item: ReplicatedItem): boolean {
  return item.op !== 'renew';
}

/**
 * Whether `newer` takes the place of `older`, both pending for one instance. The latest write
 * wins, except that a renewal never displaces a write that carries the instance: a renewal has
 * the version of the instance's last change, so that write says all it says, and more.
 */
function replaces(older: ReplicatedItem, newer: ReplicatedItem): boolean {
  return !(newer.op === 'renew' && older.op !== 'renew' && older.version >= newer.version);
}

/**
 * The writes waiting for one peer: coalesced per instance, bounded, sent with one request in
 * flight, every failed item retried with jittered backoff. A change leaves at once when the
 * link is idle, and what arrives while a request is in flight goes in the next one: under load
 * batches grow with the round trip, idle a change costs no waiting. Renewals, which only keep
 * a copy alive, wait up to `batchDelayMs` to share a request. Nothing here waits on the client
 * path: `offer` only touches a map and arms a timer.
 */
export class PeerQueue {
  private pending = new Map<string, ReplicatedItem>();
  /** Changes among the pending items: while there is one, the queue does not wait for the window. */
  private changes = 0;
  private timer: Cancel | null = null;
  private timerDueAt = 0;
  private inFlight = false;
  private failures = 0;
  private backoffUntil = 0;
  private closed = false;
  readonly stats: PeerQueueStats = { depth: 0, sent: 0, batches: 0, coalesced: 0, retried: 0, overflowed: 0, failedBatches: 0, dirty: false, pendingSince: null };

  constructor(
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
    private readonly options: PeerQueueOptions,
    private readonly send: (items: ReplicatedItem[]) => Promise<SendOutcome>,
    private readonly random: () => number = Math.random,
  ) {}

  private setDepth(depth: number): void {
    if (depth === 0) this.stats.pendingSince = null;
    else if (this.stats.pendingSince === null) this.stats.pendingSince = this.now();
    this.stats.depth = depth;
  }

  /** Queues a write under its instance key; an older pending write of the same instance is replaced. */
  offer(key: string, item: ReplicatedItem): void {
    if (this.closed) return;
    const existing = this.pending.get(key);
    if (existing !== undefined) {
      this.stats.coalesced += 1;
      if (!replaces(existing, item)) return;
      // Delete first so that the replaced item moves to the back: batches keep write order.
      this.pending.delete(key);
      if (isChange(existing)) this.changes -= 1;
    } else if (this.pending.size >= this.options.maxItems) {
      this.stats.overflowed += 1;
      this.stats.dirty = true;
      return;
    }
    this.pending.set(key, item);
    if (isChange(item)) this.changes += 1;
    this.setDepth(this.pending.size);
    this.schedule();
  }

  /** Clears the dirty mark once anti-entropy has repaired the peer. */
  markClean(): void {
    this.stats.dirty = false;
  }

  /** Drops everything and stops sending. */
  close(): void {
    this.closed = true;
    this.timer?.();
    this.timer = null;
    this.pending.clear();
    this.changes = 0;
    this.setDepth(0);
  }

  /**
   * Arms the send: at once (after the current turn of the event loop, so that the writes of
   * one client request share a batch) when a change or a full batch waits, else when the
   * oldest renewal has waited `batchDelayMs`; never before a failure's backoff ends, never
   * while a request is in flight (its completion calls this again).
   */
  private schedule(): void {
    if (this.closed || this.inFlight || this.pending.size === 0) return;
    const now = this.now();
    const prompt = this.changes > 0 || this.pending.size >= this.options.batchSize;
    const windowEnd = prompt ? now : (this.stats.pendingSince ?? now) + this.options.batchDelayMs;
    const dueAt = Math.max(this.backoffUntil, windowEnd, now);
    if (this.timer !== null) {
      if (this.timerDueAt <= dueAt) return;
      this.timer();
    }
    this.timerDueAt = dueAt;
    const fire = (): void => {
      this.timer = null;
      void this.flush();
    };
    this.timer = dueAt <= now ? this.scheduler.defer(fire) : this.scheduler.after(dueAt - now, fire);
  }

  private async flush(): Promise<void> {
    if (this.closed || this.inFlight || this.pending.size === 0) return;
    this.inFlight = true;
    const keys: string[] = [];
    const items: ReplicatedItem[] = [];
    for (const [key, item] of this.pending) {
      keys.push(key);
      items.push(item);
      if (items.length >= this.options.batchSize) break;
    }
    for (let i = 0; i < keys.length; i += 1) {
      this.pending.delete(keys[i] as string);
      if (isChange(items[i] as ReplicatedItem)) this.changes -= 1;
    }
    this.setDepth(this.pending.size);
    let outcome: SendOutcome;
    try {
      outcome = await this.send(items);
    } catch {
      outcome = 'retry';
    }
    this.inFlight = false;
    if (outcome === 'ok') {
      this.failures = 0;
      this.backoffUntil = 0;
      this.stats.sent += items.length;
      this.stats.batches += 1;
    } else {
      this.stats.failedBatches += 1;
      this.failures += 1;
      if (outcome === 'permanent') this.stats.dirty = true;
      else this.requeue(keys, items);
      const delay = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** Math.min(this.failures - 1, 16));
      // Jitter keeps the peers of a recovering node from retrying in lockstep.
      this.backoffUntil = this.now() + delay * (0.5 + this.random() / 2);
    }
    this.schedule();
  }

  /** Puts every failed item back, unless a newer write of its instance arrived meanwhile. */
  private requeue(keys: readonly string[], items: readonly ReplicatedItem[]): void {
    const newer = this.pending;
    this.pending = new Map();
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as string;
      const failed = items[i] as ReplicatedItem;
      const later = newer.get(key);
      if (later !== undefined) {
        if (replaces(failed, later)) continue;
        // A renewal that came meanwhile does not displace the failed write it renews.
        newer.delete(key);
      }
      if (this.pending.size + newer.size >= this.options.maxItems) {
        this.stats.overflowed += 1;
        this.stats.dirty = true;
        continue;
      }
      this.pending.set(key, failed);
      this.stats.retried += 1;
    }
    for (const [key, item] of newer) this.pending.set(key, item);
    this.changes = 0;
    for (const item of this.pending.values()) if (isChange(item)) this.changes += 1;
    this.setDepth(this.pending.size);
  }
}
