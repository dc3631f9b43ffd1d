/**
 * What the engine tells an observer as it works: the seam metrics hang on. The engine calls
 * these on its hot paths, so an implementation must be cheap (add to a number; let the
 * exporter read the numbers when scraped) and must never throw.
 *
 * @example
 * ```ts
 * import type { EngineObserver } from '@artemis/server';
 * let heartbeats = 0;
 * const observer: EngineObserver = { registered: () => {}, heartbeat: () => { heartbeats += 1; }, unregistered: () => {}, leasesExpired: () => {} };
 * engine.observe(observer);
 * ```
 */
export interface EngineObserver {
  /** An instance was registered (new, changed or the same data again). */
  registered(): void;
  /** A heartbeat renewed a lease (`true`) or named an unknown or expired instance (`false`). */
  heartbeat(renewed: boolean): void;
  /** An instance was unregistered by its owner. */
  unregistered(): void;
  /** The lease cleaner removed `count` expired leases. */
  leasesExpired(count: number): void;
}

/** The observer of an engine nobody observes. */
export const noopEngineObserver: EngineObserver = {
  registered: () => undefined,
  heartbeat: () => undefined,
  unregistered: () => undefined,
  leasesExpired: () => undefined,
};
