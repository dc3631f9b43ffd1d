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
        /** Deprecated: the old name of `checkIntervalMs`, taken when that is absent. */
        reloadIntervalMs: positiveMs(100).max(600_000).optional(),
        statementTimeoutMs: positiveMs(100).max(600_000).default(5_000),
        connectTimeoutMs: positiveMs(100).max(60_000).default(2_000),
        /** How often the database's health is probed (and, on a shared server, its change journal read). */
        checkIntervalMs: positiveMs(100).max(600_000).optional(),
        /** How long a health probe may take before the database counts as down. */
        checkTimeoutMs: positiveMs(100).max(60_000).default(1_000),
      })
      .strict()
      .transform(({ reloadIntervalMs, checkIntervalMs, ...rest }) => ({ ...rest, checkIntervalMs: checkIntervalMs ?? reloadIntervalMs ?? 1_000 }))
      .prefault({}),
    http: z
      .object({
        bodyLimitBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
        /** Open connections of every client together (lowered at start to fit `ulimit -n`). */
        maxConnections: z.number().int().min(1).max(10_000_000).default(20_000),
        /** Open connections from one address (IPv6: one /64); push sessions count. Keep it above `push.maxSessionsPerAddress`. */
        maxConnectionsPerAddress: z.number().int().min(1).max(10_000_000).default(5_000),
        /** Serve registry and discovery requests on the fast lane (plain HTTP only; docs/architecture.md). */
        fastLane: z.boolean().default(true),
      })
      .strict()
      .refine((http) => http.maxConnectionsPerAddress <= http.maxConnections, 'http.maxConnectionsPerAddress must be at most http.maxConnections')
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
    registry: z
      .object({
        allowFromOtherZone: z.boolean().default(true),
        /** Bytes of heartbeat plans kept (bodies seen before and the leases they renew); 0 keeps none. */
        heartbeatPlanMaxBytes: z.number().int().min(0).max(16 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
    discovery: z
      .object({
        allowFromOtherZone: z.boolean().default(true),
        changeLogCapacity: z.number().int().min(100).max(10_000_000).default(100_000),
        /** Approximate bytes of changes the change log holds; past it the oldest go (deltas fall back to a full read). */
        changeLogMaxBytes: z.number().int().min(1024 * 1024).max(16 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
        /** Approximate bytes of served-service JSON cached for discovery reads. */
        servedCacheMaxBytes: z.number().int().min(1024 * 1024).max(16 * 1024 * 1024 * 1024).default(256 * 1024 * 1024),
        /** Approximate bytes of whole discovery answers cached by request body; 0 turns that cache off. */
        answerCacheMaxBytes: z.number().int().min(0).max(16 * 1024 * 1024 * 1024).default(128 * 1024 * 1024),
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
    /** Cluster: peers, secret and replication timings (docs/operations.md, "Cluster"). */
    cluster: z
      .object({
        /** The other nodes: `http://a:8080,http://b:8080`, Java's `zone:url,url;zone2:url`, or a list; the node's own URL may be included. */
        peers: z.union([z.string(), z.array(z.string())]).optional(),
        /** Shared by every node; signs replication requests (HMAC-SHA256). At least 16 characters. */
        secret: z.string().min(16, 'must be at least 16 characters').optional(),
        probeIntervalMs: positiveMs(100).max(60_000).default(2_000),
        antiEntropyIntervalMs: positiveMs(500).max(600_000).default(5_000),
        ownerGraceMs: positiveMs(0).max(600_000).default(10_000),
        requestTimeoutMs: positiveMs(100).max(60_000).default(2_000),
        batchDelayMs: positiveMs(1).max(10_000).default(100),
        batchSize: z.number().int().min(1).max(10_000).default(500),
        maxQueueItems: z.number().int().min(100).max(10_000_000).default(20_000),
        renewalReplicationIntervalMs: positiveMs(0).max(600_000).default(10_000),
      })
      .strict()
      .prefault({}),
    // ---- security (docs/security.md) ----
    /**
     * The admin bootstrap secret stored (as a hash) at the first start of an empty database
     * (`ARTEMIS_BOOTSTRAP_TOKEN`); without it the node makes one and prints it once.
     */
    bootstrapToken: z.string().min(20, 'must be at least 20 characters').max(256).optional(),
    auth: z
      .object({
        /** `disabled`: local development only, every caller is an admin (a loud warning at start). */
        mode: z.enum(['enabled', 'disabled']).default('enabled'),
        sessionTtlMs: positiveMs(60_000).max(30 * 24 * 3_600_000).default(12 * 3_600_000),
        /** Registry writes (register, heartbeat, unregister): open unless one of these is set. */
        registry: z
          .object({ requireToken: z.boolean().default(false), allowIps: z.array(z.string().min(1)).max(10_000).default([]) })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    cors: z
      .object({
        /** Origins (`https://console.example`) allowed to call every endpoint from a browser; none by default. */
        origins: z.array(z.string().min(1)).max(1000).default([]),
        /** Origins allowed to read discovery from a browser, without credentials; `*` by default. */
        discoveryOrigins: z.array(z.string().min(1)).max(1000).default(['*']),
      })
      .strict()
      .prefault({}),
    /** HTTPS for HTTP, WebSocket and socket.io on the one port: PEM files. */
    tls: z
      .object({
        cert: z.string().min(1).optional(),
        key: z.string().min(1).optional(),
        /** `Strict-Transport-Security: max-age=` of every answer over TLS (never over plain HTTP); 0 tells browsers to forget it. */
        hstsMaxAgeSeconds: z.number().int().min(0).max(2 * 31_536_000).default(31_536_000),
      })
      .strict()
      .refine((tls) => (tls.cert === undefined) === (tls.key === undefined), 'tls.cert and tls.key go together')
      .prefault({}),
    log: z
      .object({
        level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
        format: z.enum(['json', 'pretty']).default('json'),
      })
      .strict()
      .prefault({}),
    // Observability: Prometheus metrics, the access log, OpenTelemetry traces (docs/operations.md).
    metrics: z
      .object({
        /** Serve `GET /metrics` and count; off only to measure what metrics cost. */
        enabled: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    accessLog: z
      .object({
        enabled: z.boolean().default(true),
        /** Share of registry, discovery and cluster requests logged; management and status are logged whole. */
        sampleRate: z.number().min(0).max(1).default(0.001),
      })
      .strict()
      .prefault({}),
    tracing: z
      .object({
        /** Share of registry, discovery and cluster requests traced when tracing is on (`OTEL_*`); management writes are always traced. */
        registrySampleRatio: z.number().min(0).max(1).default(0.01),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** A validated node configuration, defaults applied. */
export type NodeConfig = z.output<typeof nodeConfigSchema>;
