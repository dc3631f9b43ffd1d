interface Bucket<R> {
  rows: Map<number, R>;
  maxId: number;
  sorted: boolean;
  list: R[] | null;
}

/**
 * Rows grouped by a key, each group in id order (the order a full load reads them in), with
 * the list of a group cached until that group changes. Rows arrive mostly in id order, so
 * keeping the order costs a sort only after an out-of-order arrival.
 */
export class Buckets<K, R extends { readonly id: number }> {
  private readonly buckets = new Map<K, Bucket<R>>();

  /** Puts `row` in (`adding`) or takes the row with its id out of the bucket of `key`. */
  set(key: K, row: R, adding: boolean): void {
    let bucket = this.buckets.get(key);
    if (!adding) {
      if (bucket === undefined) return;
      bucket.rows.delete(row.id);
      bucket.list = null;
      if (bucket.rows.size === 0) this.buckets.delete(key);
      return;
    }
    if (bucket === undefined) {
      bucket = { rows: new Map(), maxId: 0, sorted: true, list: null };
      this.buckets.set(key, bucket);
    }
    if (row.id < bucket.maxId && !bucket.rows.has(row.id)) bucket.sorted = false;
    bucket.maxId = Math.max(bucket.maxId, row.id);
    bucket.rows.set(row.id, row);
    bucket.list = null;
  }

  /** The rows of `key`, oldest first (the same array until the bucket changes). */
  rows(key: K): readonly R[] {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return [];
    if (!bucket.sorted) {
      bucket.rows = new Map([...bucket.rows].sort(([a], [b]) => a - b));
      bucket.sorted = true;
    }
    bucket.list ??= [...bucket.rows.values()];
    return bucket.list;
  }
}
