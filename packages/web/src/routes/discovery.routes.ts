import {
  decode,
  decodeGetServiceRequest,
  decodeLookupRequest,
  getServiceRequestSchema,
  getServiceResponseSchema,
  getServicesDeltaRequestSchema,
  getServicesDeltaResponseSchema,
  getServicesResponseSchema,
  lookupRequestSchema,
  lookupResponseSchema,
  Paths,
  regionZoneRequestSchema,
  type GetServiceRequest,
  type LookupRequest,
  type Schema,
} from '@artemis/core';
import type { ArtemisEngine, JsonBody } from '@artemis/server';
import { parseJson } from '../http/body-reader.js';
import { HttpError } from '../http/http-error.js';
import { defineRoute, queryParam, type JsonRoute } from '../http/json-route.js';

/** A body whose answer is cached ({@link DiscoveryService.cachedAnswer}): nothing to read. */
class Answered {
  constructor(readonly answer: JsonBody) {}
}

/** A body not answered from the cache: its bytes (the cache key) and its parsed JSON, still to decode. */
class Unread {
  constructor(
    readonly bytes: Buffer,
    readonly json: unknown,
  ) {}
}

/**
 * Reads a `lookup.json` / `service.json` body: its cached answer when there is one, else its
 * JSON. Parsed here as serve-route would parse it (same errors, before the handler runs), so a
 * malformed body is refused exactly as without the cache.
 */
function readCached(discovery: ArtemisEngine['discovery'], kind: 'lookup' | 'service'): (bytes: Buffer) => Answered | Unread {
  return (bytes) => {
    const answer = discovery.cachedAnswer(kind, bytes);
    return answer === undefined ? new Unread(bytes, parseJson(bytes)) : new Answered(answer);
  };
}

/** A lookup request as the route reads it: from the cache, from the bytes, or decoded. */
type LookupRead = LookupRequest | Answered | Unread;
/** A service request as the route reads it: from the cache, from the bytes, or decoded (GET). */
type GetServiceRead = GetServiceRequest | Answered | Unread;

/** `lookup.json`, `service.json`, `services.json`, `services-delta.json` (docs/java-reference.md §3.2). */
export function discoveryRoutes(engine: ArtemisEngine): JsonRoute[] {
  const discovery = engine.discovery;
  return [
    defineRoute({
      path: Paths.discovery.lookup,
      operation: 'lookup', access: 'open',
      body: decodeLookupRequest as (value: unknown) => LookupRead,
      bytes: readCached(discovery, 'lookup'),
      schema: lookupRequestSchema as Schema<LookupRead>,
      response: lookupResponseSchema,
      handle: (request) => {
        if (request instanceof Answered) return request.answer;
        if (request instanceof Unread) return discovery.lookupBody(decodeLookupRequest(request.json), request.bytes);
        return discovery.lookupBody(request);
      },
    }),
    defineRoute({
      path: Paths.discovery.service,
      operation: 'get-service', access: 'open',
      body: decodeGetServiceRequest as (value: unknown) => GetServiceRead,
      bytes: readCached(discovery, 'service'),
      schema: getServiceRequestSchema as Schema<GetServiceRead>,
      response: getServiceResponseSchema,
      query: (query) => {
        const serviceId = queryParam(query, 'serviceId');
        if (serviceId === null) throw new HttpError(400, "Required request parameter 'serviceId' is not present");
        const regionId = queryParam(query, 'regionId');
        const zoneId = queryParam(query, 'zoneId');
        return decode(getServiceRequestSchema, { discoveryConfig: { serviceId, regionId, zoneId }, regionId, zoneId }) as GetServiceRead;
      },
      handle: (request) => {
        if (request instanceof Answered) return request.answer;
        if (request instanceof Unread) return discovery.getServiceBody(decodeGetServiceRequest(request.json), request.bytes);
        return discovery.getServiceBody(request);
      },
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
