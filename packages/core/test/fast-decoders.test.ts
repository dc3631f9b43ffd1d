import { describe, expect, it } from '@jest/globals';
import { ArtemisError, decode, decodeGetServiceRequest, decodeInstancesRequest, decodeLookupRequest, getServiceRequestSchema, instancesRequestSchema, Limits, lookupRequestSchema } from '../src/index.js';
import { seededRandom } from './seeded-random.js';

/** The decoder's answer: the request, or the error message. */
function outcome(read: (value: unknown) => unknown, value: unknown): unknown {
  try {
    return { ok: read(value) };
  } catch (error) {
    if (error instanceof ArtemisError) return { error: error.message, code: error.code };
    throw error;
  }
}


const odd: unknown[] = [null, undefined, '', ' ', 'x', 'x'.repeat(Limits.maxIdLength + 1), 'y'.repeat(Limits.maxTextLength + 1), 0, -1, 1.5, 8080, 70_000, true, [], {}, ['a'], { a: 1 }];
const fields = ['groupId', 'healthCheckUrl', 'instanceId', 'ip', 'machineName', 'metadata', 'port', 'protocol', 'regionId', 'serviceId', 'status', 'url', 'zoneId', 'extra'];

function anyInstance(next: () => number): unknown {
  if (next() < 0.05) return odd[Math.floor(next() * odd.length)];
  const instance: Record<string, unknown> = { serviceId: 's', instanceId: 'i', url: 'http://x', port: 80, metadata: { k: 'v' } };
  const changes = Math.floor(next() * 3);
  for (let c = 0; c < changes; c++) {
    const field = fields[Math.floor(next() * fields.length)]!;
    const choice = next();
    if (field === 'metadata' && choice < 0.3) {
      const size = Math.floor(next() * 80);
      instance[field] = Object.fromEntries(Array.from({ length: size }, (_, n) => [`k${n}`, next() < 0.05 ? 7 : 'v'.repeat(Math.floor(next() * 120))]));
    } else {
      instance[field] = odd[Math.floor(next() * odd.length)];
    }
  }
  return instance;
}

describe('decodeInstancesRequest', () => {
  it('agrees with the schema on 2,000 generated bodies, valid and not, answer for answer', () => {
    const next = seededRandom(42);
    let accepted = 0;
    for (let n = 0; n < 2_000; n++) {
      const size = next() < 0.01 ? Limits.maxBatchSize + 1 : Math.floor(next() * 4);
      const body = next() < 0.03 ? odd[Math.floor(next() * odd.length)] : { instances: next() < 0.05 ? odd[Math.floor(next() * odd.length)] : Array.from({ length: size }, () => anyInstance(next)) };
      const fast = outcome(decodeInstancesRequest, body);
      expect(fast).toEqual(outcome((value) => decode(instancesRequestSchema, value), body));
      if ((fast as { ok?: unknown }).ok !== undefined) accepted += 1;
    }
    // Both kinds of body were exercised.
    expect(accepted).toBeGreaterThan(400);
    expect(accepted).toBeLessThan(1_800);
  });

  it('agrees with the schema at every bound, on both sides of it', () => {
    const chars = (n: number) => ({ k: 'v'.repeat(n - 1) });
    const entries = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, '']));
    const cases: Record<string, unknown>[] = [
      { port: 65_535 }, { port: 65_536 }, { port: 0 }, { port: -1 }, { port: 1.5 },
      { serviceId: 'x'.repeat(Limits.maxIdLength) }, { serviceId: 'x'.repeat(Limits.maxIdLength + 1) },
      { url: 'x'.repeat(Limits.maxTextLength) }, { url: 'x'.repeat(Limits.maxTextLength + 1) },
      { metadata: chars(Limits.maxMetadataChars) }, { metadata: chars(Limits.maxMetadataChars + 1) },
      { metadata: entries(Limits.maxMetadataEntries) }, { metadata: entries(Limits.maxMetadataEntries + 1) },
      { metadata: { k: null } }, { metadata: { k: 1 } }, { metadata: [] },
    ];
    for (const instance of cases) {
      const body = { instances: [{ serviceId: 's', instanceId: 'i', ...instance }] };
      expect(outcome(decodeInstancesRequest, body)).toEqual(outcome((value) => decode(instancesRequestSchema, value), body));
    }
    for (const size of [Limits.maxBatchSize, Limits.maxBatchSize + 1]) {
      const body = { instances: Array.from({ length: size }, () => null) };
      expect(outcome(decodeInstancesRequest, body)).toEqual(outcome((value) => decode(instancesRequestSchema, value), body));
    }
  });

  it('keeps keys in wire order and drops unknown ones', () => {
    const request = decodeInstancesRequest({ instances: [{ zoneId: 'z', serviceId: 's', unknown: 1 }] });
    expect(Object.keys(request.instances?.[0] ?? {})).toEqual(['groupId', 'healthCheckUrl', 'instanceId', 'ip', 'machineName', 'metadata', 'port', 'protocol', 'regionId', 'serviceId', 'status', 'url', 'zoneId']);
  });

  it('does not let a __proto__ metadata key through differently from the schema', () => {
    const body = JSON.parse('{"instances":[{"serviceId":"s","metadata":{"__proto__":"x","a":"b"}}]}') as unknown;
    expect(outcome(decodeInstancesRequest, body)).toEqual(outcome((value) => decode(instancesRequestSchema, value), body));
  });
});

describe('decodeGetServiceRequest', () => {
  it('agrees with the schema on 2,000 generated bodies, valid and not, answer for answer', () => {
    const next = seededRandom(7);
    let accepted = 0;
    const pick = () => odd[Math.floor(next() * odd.length)];
    for (let n = 0; n < 2_000; n++) {
      const config: Record<string, unknown> = { serviceId: 'orders', regionId: 'r', zoneId: 'z', discoveryData: { appid: 'a' } };
      const body: Record<string, unknown> = { discoveryConfig: config, regionId: 'r', zoneId: 'z' };
      for (let c = Math.floor(next() * 3); c > 0; c--) {
        const target = next() < 0.5 ? config : body;
        const keys = target === config ? ['serviceId', 'regionId', 'zoneId', 'discoveryData', 'extra'] : ['discoveryConfig', 'regionId', 'zoneId', 'extra'];
        target[keys[Math.floor(next() * keys.length)]!] = next() < 0.2 ? Object.fromEntries(Array.from({ length: Math.floor(next() * 70) }, (_, i) => [`k${i}`, 'v'.repeat(Math.floor(next() * 100))])) : pick();
      }
      const value = next() < 0.03 ? pick() : body;
      const fast = outcome(decodeGetServiceRequest, value);
      expect(fast).toEqual(outcome((v) => decode(getServiceRequestSchema, v), value));
      if ((fast as { ok?: unknown }).ok !== undefined) accepted += 1;
    }
    expect(accepted).toBeGreaterThan(400);
    expect(accepted).toBeLessThan(1_800);
  });
});

describe('decodeLookupRequest', () => {
  it('agrees with the schema on 2,000 generated bodies, valid and not, answer for answer', () => {
    const next = seededRandom(11);
    let accepted = 0;
    const pick = () => odd[Math.floor(next() * odd.length)];
    for (let n = 0; n < 2_000; n++) {
      const configs: unknown[] = Array.from({ length: Math.floor(next() * 4) }, (_, i) => ({ serviceId: `s${i}`, regionId: 'r', zoneId: 'z', discoveryData: { appid: 'a' } }));
      const body: Record<string, unknown> = { discoveryConfigs: configs, regionId: 'r', zoneId: 'z' };
      for (let c = Math.floor(next() * 3); c > 0; c--) {
        const choice = next();
        if (choice < 0.5 && configs.length > 0) {
          const at = Math.floor(next() * configs.length);
          const target = configs[at];
          if (next() < 0.15 || typeof target !== 'object' || target === null || Array.isArray(target)) configs[at] = pick();
          else {
            const keys = ['serviceId', 'regionId', 'zoneId', 'discoveryData', 'extra'];
            (target as Record<string, unknown>)[keys[Math.floor(next() * keys.length)]!] =
              next() < 0.2 ? Object.fromEntries(Array.from({ length: Math.floor(next() * 70) }, (_, i) => [`k${i}`, 'v'.repeat(Math.floor(next() * 100))])) : pick();
          }
        } else {
          const keys = ['discoveryConfigs', 'regionId', 'zoneId', 'extra'];
          body[keys[Math.floor(next() * keys.length)]!] = pick();
        }
      }
      const value = next() < 0.03 ? pick() : body;
      const fast = outcome(decodeLookupRequest, value);
      expect(fast).toEqual(outcome((v) => decode(lookupRequestSchema, v), value));
      if ((fast as { ok?: unknown }).ok !== undefined) accepted += 1;
    }
    expect(accepted).toBeGreaterThan(400);
    expect(accepted).toBeLessThan(1_800);
  });

  it('agrees with the schema at the list bound, on both sides of it, and keeps null configs', () => {
    for (const size of [Limits.maxLookupSize, Limits.maxLookupSize + 1]) {
      const body = { discoveryConfigs: Array.from({ length: size }, (_, i) => (i % 2 === 0 ? null : { serviceId: `s${i}` })) };
      expect(outcome(decodeLookupRequest, body)).toEqual(outcome((value) => decode(lookupRequestSchema, value), body));
    }
    const proto = JSON.parse('{"discoveryConfigs":[{"serviceId":"s","discoveryData":{"__proto__":"x"}}]}') as unknown;
    expect(outcome(decodeLookupRequest, proto)).toEqual(outcome((value) => decode(lookupRequestSchema, value), proto));
  });
});
