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
