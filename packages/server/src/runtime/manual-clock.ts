import type { Clock } from './clock.js';
import type { Cancel, Scheduler } from './scheduler.js';

interface PendingTask {
  dueAt: number;
  readonly intervalMs: number | null;
  readonly task: () => void;
  readonly seq: number;
  cancelled: boolean;
}

/**
 * A clock and scheduler that move only when told to: `advance(ms)` runs every task that falls
 * due, in time order, with `now()` set to each task's due time.
 *
 * @example
 * ```ts
 * import { ManualClock } from '@artemis/server/testing';
 * const clock = new ManualClock(0);
 * clock.every(1000, () => console.log(clock.now()));
 * clock.advance(3000); // logs 1000, 2000, 3000
 * ```
 */
export class ManualClock implements Clock, Scheduler {
  private current: number;
  private readonly tasks: PendingTask[] = [];
  private seq = 0;

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  every(intervalMs: number, task: () => void): Cancel {
    return this.add(this.current + intervalMs, intervalMs, task);
  }

  after(delayMs: number, task: () => void): Cancel {
    return this.add(this.current + delayMs, null, task);
  }

  defer(task: () => void): Cancel {
    return this.add(this.current, null, task);
  }

  /** Moves time forward by `ms`, running what falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (next === undefined) break;
      this.current = Math.max(this.current, next.dueAt);
      if (next.intervalMs === null) {
        next.cancelled = true;
        this.tasks.splice(this.tasks.indexOf(next), 1);
      } else {
        next.dueAt += next.intervalMs;
      }
      next.task();
    }
    this.current = target;
  }

  /** Runs deferred tasks (those due now) without moving time. */
  flush(): void {
    this.advance(0);
  }

  private nextDue(limit: number): PendingTask | undefined {
    let best: PendingTask | undefined;
    for (const task of this.tasks) {
      if (task.cancelled || task.dueAt > limit) continue;
      if (best === undefined || task.dueAt < best.dueAt || (task.dueAt === best.dueAt && task.seq < best.seq)) best = task;
    }
    return best;
  }

  private add(dueAt: number, intervalMs: number | null, task: () => void): Cancel {
    const pending: PendingTask = { dueAt, intervalMs, task, seq: this.seq++, cancelled: false };
    this.tasks.push(pending);
    return () => {
      if (pending.cancelled) return;
      pending.cancelled = true;
      const index = this.tasks.indexOf(pending);
      if (index >= 0) this.tasks.splice(index, 1);
    };
  }
}
