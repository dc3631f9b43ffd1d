import { describe, expect, it } from '@jest/globals';
import { bucketOf, fnv1a, recordHash, recordHashFrom, replicaKey } from '../src/cluster/instance-buckets.js';

describe('anti-entropy bucket hashes', () => {
  it('FNV-1a matches the published 32-bit test vectors', () => {
    expect([fnv1a(''), fnv1a('a'), fnv1a('foobar')]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
  });

  it('a record hash continued from the key hash equals the hash of the whole record text, as older nodes compute it', () => {
    // Digests are compared across nodes: any node version must hash a record the same way.
    const cases: [string, number, string][] = [
      [replicaKey('orders', 'o-1'), 1_733_300_000_000_001, 'http://10.0.0.1:8080'],
      [replicaKey('zahlungsdienst', 'ünïcødé-ß'), 7, 'http://node-b:8080'],
      [replicaKey('', ''), 0, ''],
    ];
    for (const [key, version, owner] of cases) {
      const whole = fnv1a(`${key}|${version}|${owner}`);
      expect(recordHash(key, version, owner)).toBe(whole);
      expect(recordHashFrom(fnv1a(key), version, owner)).toBe(whole);
      expect(bucketOf(key)).toBe(fnv1a(key) % 256);
    }
  });
});
