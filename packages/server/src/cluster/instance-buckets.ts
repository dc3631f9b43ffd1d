import { REPLICATION_BUCKETS } from '@artemis/core';

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bits: cheap, stable across nodes and processes. */
export function fnv1a(text: string): number {
  return fnv1aFrom(FNV_OFFSET, text);
}

/** FNV-1a of `text` continued from the hash of what precedes it: `fnv1aFrom(fnv1a(a), b) === fnv1a(a + b)`. */
export function fnv1aFrom(seed: number, text: string): number {
  let hash = seed;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The key of an instance across the cluster: lowercased service and instance ids. */
export function replicaKey(serviceKey: string, instanceKey: string): string {
  return `${serviceKey}\u0000${instanceKey}`;
}

/** The anti-entropy bucket of an instance key. */
export function bucketOf(key: string): number {
  return fnv1a(key) % REPLICATION_BUCKETS;
}

/**
 * The contribution of one record to its bucket's hash: key, version and owner. Buckets sum
 * contributions (mod 2^32), so the hash does not depend on iteration order.
 */
export function recordHash(key: string, version: number, owner: string): number {
  return recordHashFrom(fnv1a(key), version, owner);
}

/** {@link recordHash} from the key's own hash (the one {@link bucketOf} takes), which it continues. */
export function recordHashFrom(keyHash: number, version: number, owner: string): number {
  return fnv1aFrom(keyHash, `|${version}|${owner}`);
}
