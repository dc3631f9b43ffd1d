import { describe, expect, it } from '@jest/globals';
import { ArtemisError, decodeInstancesRequest, InstanceKeyBatch, Limits, readInstanceKeys } from '../src/index.js';
import { seededRandom } from './seeded-random.js';

// readInstanceKeys is held to the schema path (JSON.parse + decodeInstancesRequest) answer for
// answer: whenever it reads a body, that path reads it too, to instances with the same keys;
// whenever that path refuses a body, it leaves the body to it.

/** What the schema path makes of a body: the request, or its error. */
function schemaPath(bytes: Buffer): { ok: ReturnType<typeof decodeInstancesRequest> } | { error: string } {
  let value: unknown;
  try {
    value = bytes.length === 0 ? {} : JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { error: `malformed JSON: ${(error as Error).message}` };
  }
  try {
    return { ok: decodeInstancesRequest(value) };
  } catch (error) {
    if (error instanceof ArtemisError) return { error: error.message };
    throw error;
  }
}

/** Checks one body; answers whether the reader read it (rather than leaving it to the schema path). */
function agrees(text: string | Buffer): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const read = readInstanceKeys(bytes);
  if (read === null) return false;
  const schema = schemaPath(bytes);
  // The reader never reads a body the schema path refuses...
  expect(schema).toHaveProperty('ok');
  const instances = (schema as { ok: ReturnType<typeof decodeInstancesRequest> }).ok.instances;
  // ...nor one without a list (the schema path's "null or empty" answer is given from its own read).
  expect(instances).not.toBeNull();
  expect(read.keys).toHaveLength(instances?.length ?? -1);
  instances?.forEach((instance, n) => {
    const key = read.keys[n];
    if (instance === null) {
      expect(key).toBeNull();
      expect(read.instance(n)).toBeNull();
      return;
    }
    expect(key).toEqual({ serviceId: instance.serviceId, instanceId: instance.instanceId, regionId: instance.regionId, zoneId: instance.zoneId });
    // The whole instance, for failures, is the schema path's.
    expect(read.instance(n)).toEqual(instance);
  });
  return true;
}


const odd: unknown[] = [
  null, '', ' ', 'x', 'Orders', 'x'.repeat(Limits.maxIdLength), 'x'.repeat(Limits.maxIdLength + 1), 'y'.repeat(Limits.maxTextLength + 1),
  'é', '服务', '\u0000', 'a\u0001b', '\u007f', '\u0085', 'tab\there', 'quote"in', 'back\\slash', '\ud83d\ude00', '\ud800', 'http://10.0.0.1:8080/api',
  0, -1, 1.5, 8080, 65_535, 65_536, 1e3, true, false, [], {}, ['a'], { a: 1 }, { k: 'v' }, { k: null }, { k: 1 }, { __proto__: null, a: 'b' },
];
const fields = ['groupId', 'healthCheckUrl', 'instanceId', 'ip', 'machineName', 'metadata', 'port', 'protocol', 'regionId', 'serviceId', 'status', 'url', 'zoneId', 'extra', 'instances'];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

function anyInstance(next: () => number): unknown {
  if (next() < 0.04) return pick(next, odd);
  const n = Math.floor(next() * 20);
  const instance: Record<string, unknown> =
    next() < 0.5
      ? { serviceId: `svc.${n % 3}`, instanceId: `svc.${n % 3}.node-${n}`, regionId: 'default', zoneId: 'default' }
      : { serviceId: `svc.${n % 3}`, instanceId: `i-${n}`, regionId: 'default', zoneId: 'default', ip: '10.0.0.1', port: 8080, url: 'http://10.0.0.1:8080', status: 'up', metadata: { version: '1.0', weight: '100' }, groupId: null, healthCheckUrl: null, machineName: 'host', protocol: 'http' };
  for (let c = Math.floor(next() * 3); c > 0; c--) {
    const field = pick(next, fields);
    if (field === 'metadata' && next() < 0.3) {
      const size = Math.floor(next() * 80);
      instance[field] = Object.fromEntries(Array.from({ length: size }, (_, k) => [`k${k}`, next() < 0.05 ? 7 : 'v'.repeat(Math.floor(next() * 120))]));
    } else if (field === 'extra' && next() < 0.5) {
      instance[field] = { nested: [1, -2.5e-3, true, null, 'x', { deep: [[[]]] }] };
    } else {
      instance[field] = pick(next, odd);
    }
  }
  return instance;
}

/** JSON text of a value, spaced now and then (JSON.stringify's own indentation, or none). */
function serialise(next: () => number, value: unknown): string {
  const r = next();
  return r < 0.7 ? JSON.stringify(value) : r < 0.85 ? JSON.stringify(value, null, 2) : JSON.stringify(value, null, '\t').replaceAll('\n', '\r\n');
}

/** Byte-level damage: a cut, a changed byte, an inserted one, a duplicated key. */
function damage(next: () => number, text: string): string | Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const at = Math.floor(next() * bytes.length);
  switch (Math.floor(next() * 6)) {
    case 0:
      return bytes.subarray(0, at);
    case 1: {
      const copy = Buffer.from(bytes);
      copy[at] = Math.floor(next() * 256);
      return copy;
    }
    case 2:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(next, [0x20, 0x2c, 0x22, 0x5c, 0x7d, 0x5d, 0x00, 0xff, 0x0a])]), bytes.subarray(at)]);
    case 3:
      return text.replace('"serviceId":', '"serviceId":"dup","serviceId":');
    case 4:
      return text.replace('"instanceId":"', '"instanceId":"\\u0041');
    default:
      return `${text}${pick(next, [' ', '\n', 'x', '{}', ',', '\u00a0'])}`;
  }
}

describe('readInstanceKeys', () => {
  it('agrees with JSON.parse + decodeInstancesRequest on 4,000 generated bodies, valid and not', () => {
    const next = seededRandom(2024);
    let read = 0;
    for (let n = 0; n < 4_000; n++) {
      const size = next() < 0.01 ? Limits.maxBatchSize + 1 : Math.floor(next() * 5);
      const value = next() < 0.03 ? pick(next, odd) : { instances: next() < 0.04 ? pick(next, odd) : Array.from({ length: size }, () => anyInstance(next)), ...(next() < 0.1 ? { extra: pick(next, odd) } : {}) };
      const text = serialise(next, value);
      if (agrees(next() < 0.25 ? damage(next, text) : text)) read += 1;
    }
    // Both kinds of body were exercised: most valid ones are read, the rest left to the schema path.
    expect(read).toBeGreaterThan(1_000);
    expect(read).toBeLessThan(3_500);
  });

  it('reads the heartbeat bodies clients send: key-only and full instances, compact and spaced', () => {
    const key = (n: number) => ({ serviceId: `bench.service.${n >> 3}`, instanceId: `bench.service.${n >> 3}.node-${n}`, regionId: 'default', zoneId: 'default' });
    const full = (n: number) => ({ ...key(n), ip: '10.0.0.1', port: 8080, url: 'http://10.0.0.1:8080/api', status: 'up', protocol: 'http', machineName: 'host-1', healthCheckUrl: null, groupId: null, metadata: { version: '1.0.0', weight: '100' } });
    for (const make of [key, full]) {
      const instances = Array.from({ length: 100 }, (_, n) => make(n));
      expect(agrees(JSON.stringify({ instances }))).toBe(true);
      expect(agrees(JSON.stringify({ instances }, null, 2))).toBe(true);
    }
    const batch = readInstanceKeys(Buffer.from(JSON.stringify({ instances: [key(1), null, key(2)] })));
    expect(batch).toBeInstanceOf(InstanceKeyBatch);
    expect(batch?.keys).toEqual([key(1), null, key(2)]);
  });

  it('reads non-ASCII ids as JSON.parse does, and leaves invalid UTF-8 and escapes to the schema path', () => {
    expect(agrees('{"instances":[{"serviceId":"服务","instanceId":"é-1","regionId":"default","zoneId":"default"}]}')).toBe(true);
    expect(agrees('{"instances":[{"serviceId":"😀","instanceId":"x","metadata":{"clé":"värde"}}]}')).toBe(true);
    // U+0085 is a control character: the id is refused, by the schema path.
    expect(agrees('{"instances":[{"serviceId":"a\u0085b","instanceId":"x"}]}')).toBe(false);
    expect(agrees(Buffer.from([...Buffer.from('{"instances":[{"serviceId":"a'), 0xff, ...Buffer.from('","instanceId":"x"}]}')]))).toBe(false);
    expect(agrees('{"instances":[{"serviceId":"a\\u0041","instanceId":"x"}]}')).toBe(false);
    expect(agrees('{"instances":[{"serviceId":"s","instanceId":"x","url":"http:\\/\\/x"}]}')).toBe(false);
  });

  it('leaves to the schema path what JSON.parse keeps differently: repeated keys, numbers not plainly written, __proto__ metadata', () => {
    expect(agrees('{"instances":[{"serviceId":"a","serviceId":"b","instanceId":"x"}]}')).toBe(false);
    expect(agrees('{"instances":[],"instances":[{"serviceId":"a","instanceId":"x"}]}')).toBe(false);
    expect(agrees('{"instances":[{"serviceId":"a","instanceId":"x","port":8080.0}]}')).toBe(false);
    expect(agrees('{"instances":[{"serviceId":"a","instanceId":"x","port":-0}]}')).toBe(false);
    expect(agrees('{"instances":[{"serviceId":"a","instanceId":"x","metadata":{"__proto__":"x"}}]}')).toBe(false);
    expect(agrees('{"instances":[{"serviceId":"a","instanceId":"x","port":8080,"extra":{"__proto__":1}}]}')).toBe(true);
  });

  it('holds to the bounds on both sides: ids, texts, ports, metadata, batch size', () => {
    const one = (fields: Record<string, unknown>) => JSON.stringify({ instances: [{ serviceId: 's', instanceId: 'i', ...fields }] });
    const entries = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, '']));
    expect(agrees(one({ serviceId: 'x'.repeat(Limits.maxIdLength) }))).toBe(true);
    expect(agrees(one({ serviceId: 'x'.repeat(Limits.maxIdLength + 1) }))).toBe(false);
    expect(agrees(one({ serviceId: 'é'.repeat(Limits.maxIdLength) }))).toBe(true);
    expect(agrees(one({ serviceId: 'é'.repeat(Limits.maxIdLength + 1) }))).toBe(false);
    expect(agrees(one({ url: 'x'.repeat(Limits.maxTextLength) }))).toBe(true);
    expect(agrees(one({ url: 'x'.repeat(Limits.maxTextLength + 1) }))).toBe(false);
    expect(agrees(one({ port: 0 }))).toBe(true);
    expect(agrees(one({ port: 65_535 }))).toBe(true);
    expect(agrees(one({ port: 65_536 }))).toBe(false);
    expect(agrees(one({ port: 1.5 }))).toBe(false);
    expect(agrees(one({ metadata: { k: 'v'.repeat(Limits.maxMetadataChars - 1) } }))).toBe(true);
    expect(agrees(one({ metadata: { k: 'v'.repeat(Limits.maxMetadataChars) } }))).toBe(false);
    expect(agrees(one({ metadata: entries(Limits.maxMetadataEntries) }))).toBe(true);
    expect(agrees(one({ metadata: entries(Limits.maxMetadataEntries + 1) }))).toBe(false);
    for (const size of [Limits.maxBatchSize, Limits.maxBatchSize + 1]) {
      expect(agrees(JSON.stringify({ instances: Array.from({ length: size }, () => null) }))).toBe(size <= Limits.maxBatchSize);
    }
  });

  it('leaves bodies without a list, empty or not JSON objects to the schema path; reads an empty list', () => {
    for (const text of ['', ' ', '{}', '{"instances":null}', '[]', 'null', '"x"', '{"instances":{}}', '\ufeff{"instances":[]}', '{"instances":[]} x', '{"instances":[],}', '{"instances":[1]}']) {
      expect(agrees(text)).toBe(false);
    }
    expect(readInstanceKeys(Buffer.from('{"instances":[]}'))?.keys).toEqual([]);
    expect(readInstanceKeys(Buffer.from(' \r\n\t{ "instances" : [ null , { } ] } \n'))?.keys).toEqual([null, { serviceId: null, instanceId: null, regionId: null, zoneId: null }]);
  });

  it('reads a body that shares its buffer with other bytes, as a pooled Buffer does', () => {
    const pool = Buffer.from(`xxx{"instances":[{"serviceId":"s","instanceId":"i","regionId":"r","zoneId":"z"},{"serviceId":"s","instanceId":"j","regionId":"r","zoneId":"z"}]}yyy`);
    const batch = readInstanceKeys(pool.subarray(3, pool.length - 3));
    expect(batch?.keys.map((key) => key?.instanceId)).toEqual(['i', 'j']);
    expect(batch?.instance(1)?.instanceId).toBe('j');
  });
});
