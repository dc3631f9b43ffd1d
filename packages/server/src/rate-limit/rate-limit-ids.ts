import type { RateLimiterOptions } from './rate-limiter.js';

/** The limiters and their rate ids (java-reference §4.6). */
export const RateLimitIds = {
  registry: ['register', 'heartbeat', 'unregister'],
  replication: ['register', 'heartbeat', 'unregister', 'get-services'],
  cluster: ['up-registry-nodes', 'up-discovery-nodes'],
  status: ['get-cluster', 'get-leases', 'get-legacy-leases', 'get-config', 'get-deployment'],
} as const;

/** A limiter name. */
export type LimiterName = keyof typeof RateLimitIds;

/** Java's defaults per 10 s window, with the shipped `get-leases:10`. */
export const defaultRateLimits: Readonly<Record<LimiterName, RateLimiterOptions>> = {
  registry: { enabled: true, defaultLimit: 100_000, limits: {}, windowMs: 10_000 },
  replication: { enabled: true, defaultLimit: 1_000_000, limits: {}, windowMs: 10_000 },
  cluster: { enabled: true, defaultLimit: 10_000, limits: {}, windowMs: 10_000 },
  status: { enabled: true, defaultLimit: 30, limits: { 'get-leases': 10 }, windowMs: 10_000 },
};
