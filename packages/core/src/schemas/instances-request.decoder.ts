import { Limits } from '../limits.js';
import type { InstancesRequest } from '../messages/registry-messages.js';
import type { Instance } from '../model/instance.js';
import { decode } from './decode.js';
import { id as readId, metadataOf, REJECT, text } from './fast-read.js';
import { instancesRequestSchema } from './request.schemas.js';

function instanceOf(raw: unknown): Instance | typeof REJECT {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return REJECT;
  const r = raw as Record<string, unknown>;
  const id = Limits.maxIdLength;
  const long = Limits.maxTextLength;
  const groupId = readId(r['groupId'], id);
  const healthCheckUrl = text(r['healthCheckUrl'], long);
  const instanceId = readId(r['instanceId'], id);
  const ip = readId(r['ip'], id);
  const machineName = text(r['machineName'], long);
  const metadata = metadataOf(r['metadata']);
  const rawPort = r['port'];
  const port = rawPort === undefined || rawPort === null ? 0 : Number.isInteger(rawPort) && (rawPort as number) >= 0 && (rawPort as number) <= 65_535 ? (rawPort as number) : REJECT;
  const protocol = readId(r['protocol'], id);
  const regionId = readId(r['regionId'], id);
  const serviceId = readId(r['serviceId'], id);
  const status = readId(r['status'], id);
  const url = text(r['url'], long);
  const zoneId = readId(r['zoneId'], id);
  if (
    groupId === REJECT ||
    healthCheckUrl === REJECT ||
    instanceId === REJECT ||
    ip === REJECT ||
    machineName === REJECT ||
    metadata === REJECT ||
    port === REJECT ||
    protocol === REJECT ||
    regionId === REJECT ||
    serviceId === REJECT ||
    status === REJECT ||
    url === REJECT ||
    zoneId === REJECT
  ) {
    return REJECT;
  }
  return { groupId, healthCheckUrl, instanceId, ip, machineName, metadata, port, protocol, regionId, serviceId, status, url, zoneId };
}

/**
 * Reads a register, heartbeat or unregister body exactly as {@link instancesRequestSchema}
 * does, about ten times faster: these bodies are the registry's hot path. Anything the fast
 * path does not accept is handed to the schema, which decides and words the error, so the two
 * never disagree (a test holds them to that).
 *
 * @example
 * ```ts
 * import { decodeInstancesRequest } from '@artemis/core';
 * const request = decodeInstancesRequest(JSON.parse(body));
 * ```
 */
export function decodeInstancesRequest(value: unknown): InstancesRequest {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const raw = (value as Record<string, unknown>)['instances'];
    if (raw === undefined || raw === null) return { instances: null };
    if (Array.isArray(raw) && raw.length <= Limits.maxBatchSize) {
      const instances: (Instance | null)[] = new Array<Instance | null>(raw.length);
      let accepted = true;
      for (let i = 0; i < raw.length; i++) {
        const element: unknown = raw[i];
        const instance = element === null ? null : instanceOf(element);
        if (instance === REJECT) {
          accepted = false;
          break;
        }
        instances[i] = instance;
      }
      if (accepted) return { instances };
    }
  }
  return decode(instancesRequestSchema, value);
}
