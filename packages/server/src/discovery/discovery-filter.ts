import type { DiscoveryConfig, Service } from '@artemis/core';

/**
 * A step of discovery's filter chain (docs/java-reference.md §5.3): takes the service as the steps
 * before it left it and returns what the client should see. Management plugs its group and
 * pull-out filters in here. A filter returns a new object rather than mutating its input,
 * because served services are cached and shared.
 *
 * @example
 * ```ts
 * import type { DiscoveryFilter } from '@artemis/server';
 * const upOnly: DiscoveryFilter = {
 *   name: 'up-only',
 *   apply: (service) => ({ ...service, instances: service.instances?.filter((i) => i.status === 'up') ?? null }),
 * };
 * engine.discovery.filters.add(upOnly);
 * ```
 */
export interface DiscoveryFilter {
  /** Names the filter in logs. */
  readonly name: string;
  /** Returns the service as the client should see it. */
  apply(service: Service, config: DiscoveryConfig): Service;
  /**
   * For a filter whose result depends on who asks (zone, canary IP...): a key naming the
   * variant `config` gets. Results are cached per distinct key. Omit it when the result is the
   * same for every caller.
   */
  contextKey?(config: DiscoveryConfig): string;
}
