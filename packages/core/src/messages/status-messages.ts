import type { ResponseStatus } from '../response-status.js';

/** Body of `leases.json` / `legacy-leases.json`: the services to list, or all when empty. */
export interface GetLeasesRequest {
  readonly serviceIds: readonly string[] | null;
}

/** One lease as `leases.json` shows it; `evitionTime` keeps Java's spelling. */
export interface LeaseStatus {
  readonly creationTime: string;
  readonly evitionTime: string;
  readonly instance: string;
  readonly renewalTime: string;
  readonly ttl: number;
}

/** Why a node is (or is not) expiring leases, as `leases.json` explains it. */
export interface SelfPreservationStatus {
  /** Distinct leases renewed within the window. */
  readonly actual: number;
  /** Distinct leases the node expects renewed (the highest count seen, less unregistrations). */
  readonly expected: number;
  /** Below this percentage of `expected`, leases stop expiring. */
  readonly percentageThreshold: number;
  /** The window, in ms. */
  readonly windowMs: number;
  /** When the node stopped expiring leases (epoch ms); null while it expires them. */
  readonly since: number | null;
  /** A sentence for operators; null while leases expire normally. */
  readonly reason: string | null;
}

/** Answer of `leases.json`: lease counts, self-preservation state and the leases by service. */
export interface GetLeasesResponse {
  readonly isSafe: boolean;
  readonly isSafeCheckEnabled: boolean;
  readonly leaseCount: number;
  readonly leaseUpdateCountLastTimeWindow: number;
  readonly leaseUpdateMaxCount: number;
  readonly leaseUpdateMaxCountLastUpdateTime: number;
  readonly leases: Readonly<Record<string, readonly LeaseStatus[]>> | null;
  readonly responseStatus: ResponseStatus;
  /** Our addition (Java clients ignore it): why leases are or are not expired. */
  readonly selfPreservation?: SelfPreservationStatus | null;
}

/** Answer of `config.json`: the effective configuration, flattened, secrets redacted. */
export interface GetConfigResponse {
  readonly properties: Readonly<Record<string, string>>;
  readonly responseStatus: ResponseStatus;
  readonly sources: Readonly<Record<string, number>>;
}

/** Answer of `deployment.json`. */
export interface GetDeploymentResponse {
  readonly appId: string;
  readonly ip: string;
  readonly machineName: string;
  readonly path: string;
  readonly port: number;
  readonly properties: Readonly<Record<string, string>>;
  readonly protocol: string;
  readonly regionId: string;
  readonly responseStatus: ResponseStatus;
  readonly sources: Readonly<Record<string, number>>;
  readonly zoneId: string;
}
