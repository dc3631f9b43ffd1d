import type { DiscoveryConfig } from '../model/discovery-config.js';
import type { InstanceChange } from '../model/instance-change.js';
import type { Service } from '../model/service.js';
import type { ResponseStatus } from '../response-status.js';

/** Body of `lookup.json`. */
export interface LookupRequest {
  readonly discoveryConfigs: readonly (DiscoveryConfig | null)[] | null;
  readonly regionId: string | null;
  readonly zoneId: string | null;
}

/** Answer of `lookup.json`: one service per config, in order. */
export interface LookupResponse {
  readonly responseStatus: ResponseStatus;
  readonly services: readonly Service[] | null;
}

/** Body of `service.json`. */
export interface GetServiceRequest {
  readonly discoveryConfig: DiscoveryConfig | null;
  readonly regionId: string | null;
  readonly zoneId: string | null;
}

/** Answer of `service.json`. */
export interface GetServiceResponse {
  readonly responseStatus: ResponseStatus;
  readonly service: Service | null;
}

/** Body of `services.json`. */
export interface GetServicesRequest {
  readonly regionId: string | null;
  readonly zoneId: string | null;
}

/** Answer of `services.json`: every service with instances, at `version`. */
export interface GetServicesResponse {
  readonly responseStatus: ResponseStatus;
  readonly services: readonly Service[] | null;
  readonly version: number;
}

/** Body of `services-delta.json`. */
export interface GetServicesDeltaRequest {
  readonly regionId: string | null;
  readonly version: number;
  readonly zoneId: string | null;
}

/** Answer of `services-delta.json`: the changes since the asked version, by serviceId. */
export interface GetServicesDeltaResponse {
  readonly delta: Readonly<Record<string, readonly InstanceChange[]>> | null;
  readonly responseStatus: ResponseStatus;
  readonly version: number;
}
