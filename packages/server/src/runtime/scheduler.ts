/** Cancels a scheduled task; calling it twice is harmless. */
export type Cancel = () => void;

/**
 * How the engine schedules its periodic work (lease cleaning, self-preservation checks, rate
 * windows). Injected so that tests advance time by hand.
 */
export interface Scheduler {
  /** Runs `task` every `intervalMs` until cancelled. */
  every(intervalMs: number, task: () => void): Cancel;
  /** Runs `task` once after `delayMs`. */
  after(delayMs: number, task: () => void): Cancel;
  /** Runs `task` after pending I/O: how long work yields the event loop between slices. */
  defer(task: () => void): Cancel;
}

/** The real timers. Intervals are unref'd so that the engine never keeps a process alive. */
export const systemScheduler: Scheduler = {
  every(intervalMs, task) {
    const handle = setInterval(task, intervalMs);
    handle.unref();
    return () => clearInterval(handle);
  },
  after(delayMs, task) {
    const handle = setTimeout(task, delayMs);
    handle.unref();
    return () => clearTimeout(handle);
  },
  defer(task) {
    const handle = setImmediate(task);
    return () => clearImmediate(handle);
  },
};
