import { z } from 'zod';

const positiveMs = (min: number) => z.number().int().min(min, `must be at least ${min} ms`);

/** Fair limits per client (remote address, or push session), beside the node-wide ones. */
const perClientLimit = z
  .object({
    enabled: z.boolean().optional(),
    defaultLimit: z.number().int().min(1).optional(),
    limits: z.record(z.string(), z.number().int().min(1)).optional(),
    maxClients: z.number().int().min(1).max(10_000_000).optional(),
  })
  .strict();

const rateLimit = z
  .object({
    enabled: z.boolean().optional(),
    defaultLimit: z.number().int().min(1).optional(),
    limits: z.record(z.string(), z.number().int().min(1)).optional(),
    perClient: perClientLimit.optional(),
  })
  .strict();

/**
 * Every setting of an `artemis` node. Unknown keys are refused, so a typo fails loudly at
 * start instead of being ignored. Defaults follow Java Artemis's (docs/configuration.md).
 */
export const nodeConfigSchema = z
  .object({
    host: z.string().min(1).default('0.0.0.0'),
    port: z.number().int().min(0).max(65_535).default(8080),
    region: z.string().min(1).max(256).default('default'),
    zone: z.string().min(1).max(256).default('default'),
    /** The URL clients and peers reach this node at; derived from the host and port when absent. */
    advertisedUrl: z.url().optional(),
    /** A Postgres URL for management data; without it, an embedded database lives under `dataDir`. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** Where the node keeps its files (the embedded management database). */
    dataDir: z.string().min(1).default('./data'),
    management: z
      .object({
        reloadIntervalMs: positiveMs(100).max(600_000).default(5_000),
        statementTimeoutMs: positiveMs(100).max(600_000).default(5_000),
        connectTimeoutMs: positiveMs(100).max(60_000).default(2_000),
      })
      .strict()
      .prefault({}),
    http: z
      .object({ bodyLimitBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024) })
      .strict()
      .prefault({}),
    lease: z
      .object({
        ttlMs: positiveMs(1000).default(20_000),
        legacyTtlMs: positiveMs(1000).default(90_000),
        cleanIntervalMs: positiveMs(10).max(1000, 'must be at most 1000 ms: leases are cleaned at least every second').default(100),
      })
      .strict()
      .prefault({}),
    selfPreservation: z
      .object({
        enabled: z.boolean().default(true),
        windowMs: positiveMs(10_000).max(300_000).default(10_000),
        percentageThreshold: z.number().min(50).max(100).default(85),
        maxCountThreshold: z.number().int().min(0).max(1_000_000).default(50),
        maxCountResetIntervalMs: positiveMs(60_000).default(600_000),
      })
      .strict()
      .prefault({}),
    registry: z.object({ allowFromOtherZone: z.boolean().default(true) }).strict().prefault({}),
    discovery: z
      .object({
        allowFromOtherZone: z.boolean().default(true),
        changeLogCapacity: z.number().int().min(100).max(10_000_000).default(100_000),
        /** Approximate bytes of changes the change log holds; past it the oldest go (deltas fall back to a full read). */
        changeLogMaxBytes: z.number().int().min(1024 * 1024).max(16 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
        /** Approximate bytes of served-service JSON cached for discovery reads. */
        servedCacheMaxBytes: z.number().int().min(1024 * 1024).max(16 * 1024 * 1024 * 1024).default(256 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
    rateLimits: z
      .object({ registry: rateLimit.optional(), replication: rateLimit.optional(), cluster: rateLimit.optional(), status: rateLimit.optional() })
      .strict()
      .prefault({}),
    push: z
      .object({
        sessionLifetimeMs: positiveMs(1000).default(360_000),
        maxBacklogBytes: z.number().int().min(64 * 1024).default(8 * 1024 * 1024),
        maxBacklogPackets: z.number().int().min(100).default(10_000),
        /** Most services one push session may subscribe to. */
        maxSubscriptionsPerSession: z.number().int().min(1).max(10_000_000).default(10_000),
        /** Most subscriptions of all push sessions together. */
        maxSubscriptions: z.number().int().min(1).max(100_000_000).default(200_000),
        /** Most open push sessions (all channels) from one remote address. */
        maxSessionsPerAddress: z.number().int().min(1).max(1_000_000).default(4_000),
        blockedIps: z
          .object({
            heartbeat: z.array(z.string()).default([]),
            instanceChange: z.array(z.string()).default([]),
            allInstanceChange: z.array(z.string()).default([]),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
        format: z.enum(['json', 'pretty']).default('json'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** A validated node configuration, defaults applied. */
export type NodeConfig = z.output<typeof nodeConfigSchema>;
