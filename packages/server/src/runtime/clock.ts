/**
 * Where the engine reads the time. Injected so that tests drive time without sleeping.
 *
 * @example
 * ```ts
 * import { systemClock } from '@artemis/server';
 * const now = systemClock.now();
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
