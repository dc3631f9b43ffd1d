import type { Clock } from '../runtime/clock.js';
import { SlidingWindowCounter } from '../runtime/sliding-window-counter.js';

/**
 * Sliding-window counters per client and rate id, for the most recently seen `maxClients`
 * clients: a client not seen for longest is forgotten first, so the table stays bounded however
 * many addresses or sessions call.
 */
export class ClientBudgets {
  private readonly clients = new Map<string, Map<string, SlidingWindowCounter>>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    readonly maxClients: number,
  ) {}

  /** The counter of `client` for `id`, created on first use. */
  counter(client: string, id: string): SlidingWindowCounter {
    let counters = this.clients.get(client);
    if (counters === undefined) {
      if (this.clients.size >= this.maxClients) {
        const oldest = this.clients.keys().next();
        if (oldest.done !== true) this.clients.delete(oldest.value);
      }
      counters = new Map();
    } else {
      // Re-inserted so that the map's order is the order clients were last seen in.
      this.clients.delete(client);
    }
    this.clients.set(client, counters);
    let counter = counters.get(id);
    if (counter === undefined) {
      counter = new SlidingWindowCounter(this.clock, this.windowMs);
      counters.set(id, counter);
    }
    return counter;
  }

  /** Clients tracked. */
  get size(): number {
    return this.clients.size;
  }
}
