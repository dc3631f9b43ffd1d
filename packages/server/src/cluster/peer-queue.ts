import type { ReplicatedItem } from '@artemis/core';
import type { Scheduler, Cancel } from '../runtime/scheduler.js';

/** Batching, bounds and backoff of one peer's replication queue. */
export interface PeerQueueOptions {
  /** Longest an item waits before its batch is sent (default 100 ms). */
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

/**
 * The writes waiting for one peer: coalesced per instance (the latest write wins), bounded,
 * sent in batches with one request in flight, every failed item retried with jittered backoff.
 * Nothing here waits on the client path: `offer` only touches a map.
 */
export class PeerQueue {
  private pending = new Map<string, ReplicatedItem>();
  private timer: Cancel | null = null;
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
    if (this.pending.has(key)) {
      this.stats.coalesced += 1;
      // Delete first so that the replaced item moves to the back: batches keep write order.
      this.pending.delete(key);
    } else if (this.pending.size >= this.options.maxItems) {
      this.stats.overflowed += 1;
      this.stats.dirty = true;
      return;
    }
    this.pending.set(key, item);
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
    this.setDepth(0);
  }

  private schedule(): void {
    if (this.inFlight || this.timer !== null || this.pending.size === 0) return;
    const full = this.pending.size >= this.options.batchSize;
    const wait = Math.max(this.backoffUntil - this.now(), full ? 0 : this.options.batchDelayMs);
    this.timer = this.scheduler.after(wait, () => {
      this.timer = null;
      void this.flush();
    });
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
    for (const key of keys) this.pending.delete(key);
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
      if (newer.has(key)) continue;
      if (this.pending.size + newer.size >= this.options.maxItems) {
        this.stats.overflowed += 1;
        this.stats.dirty = true;
        continue;
      }
      this.pending.set(key, items[i] as ReplicatedItem);
      this.stats.retried += 1;
    }
    for (const [key, item] of newer) this.pending.set(key, item);
    this.setDepth(this.pending.size);
  }
}
