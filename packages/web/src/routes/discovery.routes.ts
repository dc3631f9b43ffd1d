import {
  decode,
  decodeGetServiceRequest,
  getServiceRequestSchema,
  getServiceResponseSchema,
  getServicesDeltaRequestSchema,
  getServicesDeltaResponseSchema,
  getServicesResponseSchema,
  lookupRequestSchema,
  lookupResponseSchema,
  Paths,
  regionZoneRequestSchema,
} from '@artemis/core';
import type { ArtemisEngine } from '@artemis/server';
import { HttpError } from '../http/http-error.js';
import { defineRoute, queryParam, type JsonRoute } from '../http/json-route.js';

/** `lookup.json`, `service.json`, `services.json`, `services-delta.json` (docs/java-reference.md §3.2). */
export function discoveryRoutes(engine: ArtemisEngine): JsonRoute[] {
  const discovery = engine.discovery;
  return [
    defineRoute({
      path: Paths.discovery.lookup,
      operation: 'lookup', access: 'open',
      body: lookupRequestSchema,
      response: lookupResponseSchema,
      handle: (request) => discovery.lookupBody(request),
    }),
    defineRoute({
      path: Paths.discovery.service,
      operation: 'get-service', access: 'open',
      body: decodeGetServiceRequest,
      schema: getServiceRequestSchema,
      response: getServiceResponseSchema,
      query: (query) => {
        const serviceId = queryParam(query, 'serviceId');
        if (serviceId === null) throw new HttpError(400, "Required request parameter 'serviceId' is not present");
        const regionId = queryParam(query, 'regionId');
        const zoneId = queryParam(query, 'zoneId');
        return decode(getServiceRequestSchema, { discoveryConfig: { serviceId, regionId, zoneId }, regionId, zoneId });
      },
      handle: (request) => discovery.getServiceBody(request),
    }),
    defineRoute({
      path: Paths.discovery.services,
      operation: 'get-services', access: 'open',
      body: regionZoneRequestSchema,
      response: getServicesResponseSchema,
      query: (query) => decode(regionZoneRequestSchema, { regionId: queryParam(query, 'regionId'), zoneId: queryParam(query, 'zoneId') }),
      handle: (request) => discovery.getServicesBody(request),
    }),
    defineRoute({
      path: Paths.discovery.servicesDelta,
      operation: 'get-services-delta', access: 'open',
      body: getServicesDeltaRequestSchema,
      response: getServicesDeltaResponseSchema,
      handle: (request) => discovery.getServicesDelta(request),
    }),
  ];
}
