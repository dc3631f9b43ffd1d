import type { LimiterName, RateLimiterSettings } from '../rate-limit/rate-limit-ids.js';
import type { LeaseOptions } from '../registry/registry-store.js';
import type { SelfPreservationOptions } from '../registry/self-preservation.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { Scheduler } from '../runtime/scheduler.js';
import type { NodeDescription } from '../status/status-service.js';

/**
 * Everything an engine can be told. Only the region and zone are required; the rest default
 * to Java Artemis's defaults (docs/configuration.md), noted on each field.
 */
export interface EngineOptions {
  /** The region this node serves; registrations from other regions are refused. */
  readonly regionId: string;
  /** The zone this node is in. */
  readonly zoneId: string;
  /** The URL clients and peers reach this node at; set later with `cluster.setLocalUrl` when unknown. */
  readonly nodeUrl?: string;
  /** Accept registrations from other zones of the region (default true, as Java ships). */
  readonly registryAllowFromOtherZone?: boolean;
  /** Serve discovery to other zones of the region (default true, as Java ships). */
  readonly discoveryAllowFromOtherZone?: boolean;
  /** Leases: TTL 20 s, legacy TTL 90 s, cleaned every 100 ms. */
  readonly lease?: Partial<LeaseOptions>;
  /** Self-preservation: enabled, 10 s window, 85 %, min max-count 50, reset after 10 min. */
  readonly selfPreservation?: Partial<SelfPreservationOptions>;
  /** Changes kept for deltas and resumes (default 100,000). */
  readonly changeLogCapacity?: number;
  /** Approximate bytes of changes kept for deltas and resumes (default 32 MiB); past it the oldest go. */
  readonly changeLogMaxBytes?: number;
  /** Approximate bytes of served-service JSON and bodies cached (default 256 MiB). */
  readonly servedCacheMaxBytes?: number;
  /** Approximate bytes of whole `lookup.json`/`service.json` answers cached by request body (default 128 MiB; 0 turns the cache off). */
  readonly answerCacheMaxBytes?: number;
  /** Room for heartbeat plans (bodies seen before and the leases they renew), in bytes; 0 keeps none. Default 32 MiB. */
  readonly heartbeatPlanMaxBytes?: number;
  /** Rate limits per limiter, merged over Java's defaults (and the per-client defaults). */
  readonly rateLimits?: Partial<Record<LimiterName, RateLimiterSettings>>;
  /** What `deployment.json` and `config.json` report. */
  readonly describeNode?: () => NodeDescription;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  readonly logger?: Logger;
}

/** Lease defaults. */
export const defaultLeaseOptions: LeaseOptions = { ttlMs: 20_000, legacyTtlMs: 90_000, cleanIntervalMs: 100 };

/** Self-preservation defaults. */
export const defaultSelfPreservationOptions: SelfPreservationOptions = {
  enabled: true,
  windowMs: 10_000,
  percentageThreshold: 85,
  maxCountThreshold: 50,
  maxCountResetIntervalMs: 600_000,
};

/** Default change-log capacity. */
export const DEFAULT_CHANGE_LOG_CAPACITY = 100_000;

/** Default bound on the change log's bytes. */
export const DEFAULT_CHANGE_LOG_MAX_BYTES = 32 * 1024 * 1024;
