import type { DiscoveryConfig, Service } from '@artemis/core';
import type { Logger } from '../runtime/logger.js';
import type { DiscoveryFilter } from './discovery-filter.js';

/**
 * The ordered discovery filters. Its `generation` changes whenever a filter is added or
 * removed, or a filter's data changes (`invalidate()`), which makes every cached served
 * service stale.
 */
export class FilterChain {
  private filters: readonly DiscoveryFilter[] = [];
  private currentGeneration = 0;
  private everyCallerAlike = true;

  constructor(private readonly logger: Logger) {}

  /** Changes whenever what the chain would return may have changed. */
  get generation(): number {
    return this.currentGeneration;
  }

  /** True when no filter depends on the caller, so one result serves everyone. */
  get contextFree(): boolean {
    return this.everyCallerAlike;
  }

  /** Appends a filter; it runs after those already present. */
  add(filter: DiscoveryFilter): void {
    this.replace([...this.filters, filter]);
  }

  /** Removes a filter. */
  remove(filter: DiscoveryFilter): void {
    this.replace(this.filters.filter((existing) => existing !== filter));
  }

  /** Marks every cached result stale: call when a filter's data changes. */
  invalidate(): void {
    this.currentGeneration += 1;
  }

  /** The cache variant `config` gets: empty when the chain is context-free. */
  contextKey(config: DiscoveryConfig): string {
    let key = '';
    for (const filter of this.filters) if (filter.contextKey !== undefined) key += `${filter.contextKey(config)}\u0000`;
    return key;
  }

  private replace(filters: readonly DiscoveryFilter[]): void {
    this.filters = filters;
    this.everyCallerAlike = filters.every((filter) => filter.contextKey === undefined);
    this.invalidate();
  }

  /** Runs every filter in order. A filter that throws is logged and skipped, as in Java. */
  apply(service: Service, config: DiscoveryConfig): Service {
    let result = service;
    for (const filter of this.filters) {
      try {
        result = filter.apply(result, config);
      } catch (error) {
        this.logger.error('discovery filter failed', { filter: filter.name, serviceId: service.serviceId, error: String(error) });
      }
    }
    return result;
  }
}
