import { z } from 'zod';
import type { GetServiceNodesRequest } from '../messages/cluster-messages.js';
import type {
  GetServiceRequest,
  GetServicesDeltaRequest,
  GetServicesRequest,
  LookupRequest,
} from '../messages/discovery-messages.js';
import type { InstancesRequest } from '../messages/registry-messages.js';
import type { GetLeasesRequest } from '../messages/status-messages.js';
import { Limits } from '../limits.js';
import type { DiscoveryConfig } from '../model/discovery-config.js';
import { instanceSchema } from './instance.schema.js';
import { idString, metadata, optionalId, optionalList, optionalLong } from './schema-primitives.js';

/** Reads a {@link DiscoveryConfig}. */
export const discoveryConfigSchema: z.ZodType<DiscoveryConfig> = z.object({
  discoveryData: metadata,
  regionId: optionalId,
  serviceId: optionalId,
  zoneId: optionalId,
});

/** Body of register, heartbeat and unregister: at most {@link Limits.maxBatchSize} instances. */
export const instancesRequestSchema: z.ZodType<InstancesRequest> = z.object({
  instances: optionalList(instanceSchema.nullable(), Limits.maxBatchSize),
});

/** Body of `lookup.json`. */
export const lookupRequestSchema: z.ZodType<LookupRequest> = z.object({
  discoveryConfigs: optionalList(discoveryConfigSchema.nullable(), Limits.maxLookupSize),
  regionId: optionalId,
  zoneId: optionalId,
});

/** Body of `service.json`. */
export const getServiceRequestSchema: z.ZodType<GetServiceRequest> = z.object({
  discoveryConfig: discoveryConfigSchema.nullish().transform((value) => value ?? null),
  regionId: optionalId,
  zoneId: optionalId,
});

/** Body of `services.json`, and of any request that only names a region and zone. */
export const regionZoneRequestSchema: z.ZodType<GetServicesRequest & GetServiceNodesRequest> = z.object({
  regionId: optionalId,
  zoneId: optionalId,
});

/** Body of `services-delta.json`. */
export const getServicesDeltaRequestSchema: z.ZodType<GetServicesDeltaRequest> = z.object({
  regionId: optionalId,
  version: optionalLong,
  zoneId: optionalId,
});

/** Body of `leases.json`. */
export const getLeasesRequestSchema: z.ZodType<GetLeasesRequest> = z.object({
  serviceIds: optionalList(idString, Limits.maxLookupSize),
});

/** Body of requests that carry no fields (`node.json`, `cluster.json`, ...); any object is accepted. */
export const emptyRequestSchema: z.ZodType<Record<string, never>> = z.object({}).transform(() => ({}));
