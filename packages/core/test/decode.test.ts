import { describe, expect, it } from '@jest/globals';
import { ArtemisError, decode, ErrorCode, instancesRequestSchema, Limits } from '../src/index.js';

function decodeError(value: unknown): ArtemisError {
  try {
    decode(instancesRequestSchema, value);
  } catch (error) {
    if (error instanceof ArtemisError) return error;
    throw error;
  }
  throw new Error('decode accepted the value');
}

describe('decode', () => {
  it('reads an instance with absent fields as nulls, in wire key order', () => {
    const request = decode(instancesRequestSchema, { instances: [{ serviceId: 's', instanceId: 'i', unknownField: 1 }] });
    const instance = request.instances?.[0];
    expect(instance).toEqual({
      groupId: null, healthCheckUrl: null, instanceId: 'i', ip: null, machineName: null, metadata: null, port: 0,
      protocol: null, regionId: null, serviceId: 's', status: null, url: null, zoneId: null,
    });
    expect(Object.keys(instance!)).toEqual([...Object.keys(instance!)].sort());
  });

  it('keeps null elements of a batch so that the service can skip them', () => {
    expect(decode(instancesRequestSchema, { instances: [null] }).instances).toEqual([null]);
  });

  it('refuses a wrong-typed field with the path of the field', () => {
    const error = decodeError({ instances: [{ serviceId: 's', port: 'eighty' }] });
    expect(error.code).toBe(ErrorCode.badRequest);
    expect(error.message).toMatch(/^instances\[0\]\.port: /);
  });

  it('refuses a port outside 0-65535', () => {
    expect(decodeError({ instances: [{ port: 70000 }] }).message).toBe('instances[0].port: must be between 0 and 65535');
  });

  it('refuses a batch over the bound as a whole', () => {
    const instances = Array.from({ length: Limits.maxBatchSize + 1 }, (_, n) => ({ serviceId: 's', instanceId: `i${n}` }));
    expect(decodeError({ instances }).message).toBe(`instances: has too many items: at most ${Limits.maxBatchSize} are allowed`);
  });

  it('refuses ids over the length bound and metadata over its bounds', () => {
    expect(decodeError({ instances: [{ serviceId: 'x'.repeat(Limits.maxIdLength + 1) }] }).message).toMatch(/serviceId: must be at most 256/);
    const many = Object.fromEntries(Array.from({ length: Limits.maxMetadataEntries + 1 }, (_, n) => [`k${n}`, 'v']));
    expect(decodeError({ instances: [{ metadata: many }] }).message).toMatch(/metadata: has 65 entries/);
    expect(decodeError({ instances: [{ metadata: { big: 'v'.repeat(Limits.maxMetadataChars) } }] }).message).toMatch(/metadata: has 4099 characters/);
  });

  it('refuses a body that is not an object', () => {
    expect(decodeError([1, 2]).message).toBe('request: the body must be a JSON object');
    expect(decodeError('text').code).toBe(ErrorCode.badRequest);
  });
});
