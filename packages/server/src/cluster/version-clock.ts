import type { Clock } from '../runtime/clock.js';

/**
 * A hybrid logical clock for record versions: milliseconds x 1000 plus a counter, never going
 * backwards and always past every version seen from peers, so that a later write anywhere
 * orders after an earlier one even across small clock skews.
 */
export class VersionClock {
  private last = 0;

  constructor(private readonly clock: Clock) {}

  /** A fresh version, greater than every version produced or observed. */
  next(): number {
    this.last = Math.max(this.clock.now() * 1000, this.last + 1);
    return this.last;
  }

  /** The highest version produced or observed so far. */
  get current(): number {
    return this.last;
  }

  /** Takes note of a version received from a peer. */
  observe(version: number): void {
    if (version > this.last) this.last = version;
  }
}
