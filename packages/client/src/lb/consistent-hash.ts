/** 32-bit FNV-1a of a string: fast, well spread for ring positions. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // Final avalanche (murmur3's fmix32): FNV alone clusters short, similar keys.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * A consistent-hash ring (`replicas` points per unit of weight): a key maps to the first point
 * at or after its hash. Adding or removing one of n items moves about 1/n of the keys.
 */
export class HashRing<T> {
  private readonly points: Uint32Array;
  private readonly owners: Int32Array;

  constructor(
    private readonly items: readonly T[],
    idOf: (item: T) => string,
    weights: readonly number[],
    replicas = 64,
  ) {
    const entries: [number, number][] = [];
    items.forEach((item, index) => {
      const count = Math.max(1, Math.round(replicas * Math.min(weights[index] ?? 1, 100)));
      const id = idOf(item);
      for (let r = 0; r < count; r++) entries.push([fnv1a(`${id}#${r}`), index]);
    });
    entries.sort((a, b) => a[0] - b[0]);
    this.points = Uint32Array.from(entries, (entry) => entry[0]);
    this.owners = Int32Array.from(entries, (entry) => entry[1]);
  }

  /** The item owning `key`, walking on past items `skip` refuses; undefined when none is left. */
  get(key: string, skip?: (item: T) => boolean): T | undefined {
    const n = this.points.length;
    if (n === 0) return undefined;
    const hash = fnv1a(key);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.points[mid] as number) < hash) lo = mid + 1;
      else hi = mid;
    }
    for (let step = 0; step < n; step++) {
      const item = this.items[this.owners[(lo + step) % n] as number] as T;
      if (skip === undefined || !skip(item)) return item;
    }
    return undefined;
  }
}
