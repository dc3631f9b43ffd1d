import { InvalidArgumentError } from './errors.js';
import type { BackoffOptions } from './internal/backoff.js';
import type { ClientLogger, ClientMetricsOptions, TracerLike } from './observability.js';

/** Options of an {@link ArtemisClient}. Only `servers` is required. */
export interface ArtemisClientOptions {
  /** Seed URLs of Artemis nodes (`http://host:port`). The node lists are then refreshed from `up-registry-nodes` / `up-discovery-nodes`. */
  readonly servers: readonly string[];
  /** Region of this service; default `default`. Sent with every discovery call and registration. */
  readonly regionId?: string;
  /** Zone of this service; default `default`. Nodes and instances of this zone are preferred. */
  readonly zoneId?: string;
  /** Heartbeat period, ms; default 5000 (a quarter of the 20 s lease TTL). 100-60000. */
  readonly heartbeatIntervalMs?: number;
  /** Time allowed for one HTTP request to one node, ms; default 3000. */
  readonly requestTimeoutMs?: number;
  /** Nodes tried per HTTP request before it fails; default 3. 1-10. */
  readonly maxAttempts?: number;
  /** How often the node lists are refreshed, ms; default 60000. */
  readonly nodeRefreshIntervalMs?: number;
  /** Delta polling period while push is unavailable, ms; default 5000. */
  readonly pollIntervalMs?: number;
  /** Liveness probe period on the push connection, ms; default 2000. */
  readonly pingIntervalMs?: number;
  /** A probe unanswered for this long marks the connection dead (half-open sockets), ms; default 3000. */
  readonly pingTimeoutMs?: number;
  /** Largest answer body accepted from a node, bytes; default 16 MiB. */
  readonly maxResponseBytes?: number;
  /** How long `close()` keeps serving after unregistering, so callers see the push, ms; default 1000. */
  readonly drainMs?: number;
  /** Use socket.io push (and socket.io heartbeats); default true. False: HTTP heartbeats and delta polling only. */
  readonly push?: boolean;
  /** Directory for a snapshot of discovered services, read at start when every node is down. */
  readonly cacheDir?: string;
  /** On SIGTERM/SIGINT: `close()`, then exit (re-raising the signal). Default false. */
  readonly handleSignals?: boolean;
  /** Backoff after every node failed. Default 100 ms x 1.6, up to 30 s, 20 % jitter. */
  readonly backoff?: Partial<BackoffOptions>;
  /** Reconnects allowed at once, then one per `reconnectRefillMs`; default 5 and 4000 ms. */
  readonly reconnectBurst?: number;
  /** See `reconnectBurst`. */
  readonly reconnectRefillMs?: number;
  /** Structured logger (winston fits). */
  readonly logger?: ClientLogger;
  /** Where metrics go: `promClientMetrics(prom, registry)`, or your own counter/gauge factory. */
  readonly metrics?: ClientMetricsOptions;
  /** OpenTelemetry tracer. */
  readonly tracer?: TracerLike;
  /** Aborting it closes the client. */
  readonly signal?: AbortSignal;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly servers: readonly string[];
  readonly regionId: string;
  readonly zoneId: string;
  readonly heartbeatIntervalMs: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
  readonly nodeRefreshIntervalMs: number;
  readonly pollIntervalMs: number;
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly drainMs: number;
  readonly push: boolean;
  readonly cacheDir: string | null;
  readonly handleSignals: boolean;
  readonly backoff: BackoffOptions;
  readonly reconnectBurst: number;
  readonly reconnectRefillMs: number;
}

function integer(options: Readonly<Record<string, unknown>>, field: string, fallback: number, min: number, max: number): number {
  const value = options[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new InvalidArgumentError(field, 'must be an integer');
  if (value < min || value > max) throw new InvalidArgumentError(field, `must be between ${min} and ${max}`);
  return value;
}

function id(options: Readonly<Record<string, unknown>>, field: string): string {
  const value = options[field];
  if (value === undefined) return 'default';
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidArgumentError(field, 'must be a non-blank string');
  return value;
}

/** Trims a node URL to `scheme://host:port[/path]` without the trailing slash; refuses anything else. */
export function normaliseServerUrl(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(field, 'must be a URL string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(field, `is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(field, 'must be an http:// or https:// URL');
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Validates the options and fills in the defaults; a bad option throws {@link InvalidArgumentError} naming it. */
export function resolveOptions(options: ArtemisClientOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new InvalidArgumentError('options', 'must be an object');
  const raw = options as unknown as Readonly<Record<string, unknown>>;
  if (!Array.isArray(raw['servers']) || raw['servers'].length === 0) throw new InvalidArgumentError('servers', 'must list at least one node URL');
  const servers = [...new Set((raw['servers'] as unknown[]).map((server, index) => normaliseServerUrl(server, `servers[${index}]`)))];
  const heartbeatIntervalMs = integer(raw, 'heartbeatIntervalMs', 5000, 100, 60_000);
  const pingIntervalMs = integer(raw, 'pingIntervalMs', 2000, 50, 60_000);
  const backoff = { initialMs: 100, multiplier: 1.6, maxMs: 30_000, jitter: 0.2, ...(options.backoff ?? {}) };
  if (!(backoff.initialMs >= 0) || !(backoff.multiplier >= 1) || !(backoff.maxMs >= backoff.initialMs) || !(backoff.jitter >= 0 && backoff.jitter <= 1)) {
    throw new InvalidArgumentError('backoff', 'needs initialMs >= 0, multiplier >= 1, maxMs >= initialMs, 0 <= jitter <= 1');
  }
  if (raw['cacheDir'] !== undefined && (typeof raw['cacheDir'] !== 'string' || raw['cacheDir'] === '')) throw new InvalidArgumentError('cacheDir', 'must be a directory path');
  for (const flag of ['push', 'handleSignals']) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean') throw new InvalidArgumentError(flag, 'must be a boolean');
  }
  return {
    servers,
    regionId: id(raw, 'regionId'),
    zoneId: id(raw, 'zoneId'),
    heartbeatIntervalMs,
    requestTimeoutMs: integer(raw, 'requestTimeoutMs', 3000, 10, 120_000),
    maxAttempts: integer(raw, 'maxAttempts', 3, 1, 10),
    nodeRefreshIntervalMs: integer(raw, 'nodeRefreshIntervalMs', 60_000, 100, 24 * 3600_000),
    pollIntervalMs: integer(raw, 'pollIntervalMs', 5000, 50, 3600_000),
    pingIntervalMs,
    pingTimeoutMs: integer(raw, 'pingTimeoutMs', 3000, 50, 60_000),
    maxResponseBytes: integer(raw, 'maxResponseBytes', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    drainMs: integer(raw, 'drainMs', 1000, 0, 60_000),
    push: options.push ?? true,
    cacheDir: options.cacheDir ?? null,
    handleSignals: options.handleSignals ?? false,
    backoff,
    reconnectBurst: integer(raw, 'reconnectBurst', 5, 1, 100),
    reconnectRefillMs: integer(raw, 'reconnectRefillMs', 4000, 1, 600_000),
  };
}
