import { Limits } from '../limits.js';
import type { GetServiceRequest } from '../messages/discovery-messages.js';
import { decode } from './decode.js';
import { id, metadataOf, REJECT } from './fast-read.js';
import { getServiceRequestSchema } from './request.schemas.js';

/**
 * Reads a `service.json` body exactly as {@link getServiceRequestSchema} does, without its
 * per-request cost on discovery's hottest path; anything the fast path does not accept is
 * handed to the schema, which decides and words the error.
 */
export function decodeGetServiceRequest(value: unknown): GetServiceRequest {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const raw = value as Record<string, unknown>;
    const regionId = id(raw['regionId'], Limits.maxIdLength);
    const zoneId = id(raw['zoneId'], Limits.maxIdLength);
    const config = raw['discoveryConfig'];
    if (regionId !== REJECT && zoneId !== REJECT) {
      if (config === undefined || config === null) return { discoveryConfig: null, regionId, zoneId };
      if (typeof config === 'object' && !Array.isArray(config)) {
        const c = config as Record<string, unknown>;
        const discoveryData = metadataOf(c['discoveryData']);
        const configRegion = id(c['regionId'], Limits.maxIdLength);
        const serviceId = id(c['serviceId'], Limits.maxIdLength);
        const configZone = id(c['zoneId'], Limits.maxIdLength);
        if (discoveryData !== REJECT && configRegion !== REJECT && serviceId !== REJECT && configZone !== REJECT) {
          return { discoveryConfig: { discoveryData, regionId: configRegion, serviceId, zoneId: configZone }, regionId, zoneId };
        }
      }
    }
  }
  return decode(getServiceRequestSchema, value);
}
