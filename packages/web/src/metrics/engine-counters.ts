import type { EngineObserver } from '@artemis/server';

/**
 * The engine's counters as plain numbers: the hot paths add one, and the Prometheus collectors
 * read them when scraped, so metrics cost the registry an increment per operation.
 */
export class EngineCounters implements EngineObserver {
  registrations = 0;
  heartbeatsRenewed = 0;
  heartbeatsUnknown = 0;
  unregistrations = 0;
  leaseExpirations = 0;

  registered(): void {
    this.registrations += 1;
  }

  heartbeat(renewed: boolean): void {
    if (renewed) this.heartbeatsRenewed += 1;
    else this.heartbeatsUnknown += 1;
  }

  unregistered(): void {
    this.unregistrations += 1;
  }

  leasesExpired(count: number): void {
    this.leaseExpirations += count;
  }
}
