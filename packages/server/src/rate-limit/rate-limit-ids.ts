import { defaultPerClientLimits, type PerClientLimitOptions, type RateLimiterOptions } from './rate-limiter.js';

/** The limiters and their rate ids (docs/operations.md, Limits). */
export const RateLimitIds = {
  registry: ['register', 'heartbeat', 'unregister'],
  replication: ['register', 'heartbeat', 'unregister', 'get-services'],
  cluster: ['up-registry-nodes', 'up-discovery-nodes'],
  status: ['get-cluster', 'get-leases', 'get-legacy-leases', 'get-config', 'get-deployment'],
} as const;

/** A limiter name. */
export type LimiterName = keyof typeof RateLimitIds;

/**
 * Java's defaults per 10 s window, with the shipped `get-leases:10`; beside them each client
 * (remote address or push session) may use a quarter of each budget. Replication comes from a
 * few trusted peers and has no per-client limit.
 */
export const defaultRateLimits: Readonly<Record<LimiterName, RateLimiterOptions>> = {
  registry: { enabled: true, defaultLimit: 100_000, limits: {}, windowMs: 10_000, perClient: defaultPerClientLimits },
  replication: { enabled: true, defaultLimit: 1_000_000, limits: {}, windowMs: 10_000, perClient: { ...defaultPerClientLimits, enabled: false } },
  cluster: { enabled: true, defaultLimit: 10_000, limits: {}, windowMs: 10_000, perClient: defaultPerClientLimits },
  status: { enabled: true, defaultLimit: 30, limits: { 'get-leases': 10 }, windowMs: 10_000, perClient: defaultPerClientLimits },
};

/** What may be set of a limiter: any field, and any field of its per-client limits. */
export type RateLimiterSettings = Partial<Omit<RateLimiterOptions, 'perClient'>> & { readonly perClient?: Partial<PerClientLimitOptions> };

/** A limiter's settings over its defaults (the per-client part merged field by field). */
export function rateLimiterOptions(name: LimiterName, settings: RateLimiterSettings = {}): RateLimiterOptions {
  const defaults = defaultRateLimits[name];
  const { perClient, ...rest } = settings;
  return { ...defaults, ...rest, perClient: { ...(defaults.perClient ?? defaultPerClientLimits), ...perClient } };
}
