/**
 * Versions of recently removed instances, so that anti-entropy never brings back an instance
 * removed after the copy it sees. Bounded by count; the oldest go first.
 */
export class Tombstones {
  private readonly versions = new Map<string, number>();

  constructor(private readonly capacity = 100_000) {}

  /** Remembers that `key` was removed at `version`. */
  add(key: string, version: number): void {
    const previous = this.versions.get(key);
    if (previous !== undefined && previous >= version) return;
    this.versions.delete(key);
    this.versions.set(key, version);
    if (this.versions.size > this.capacity) {
      const oldest = this.versions.keys().next().value as string;
      this.versions.delete(oldest);
    }
  }

  /** True when `key` was removed at `version` or later. */
  covers(key: string, version: number): boolean {
    const removed = this.versions.get(key);
    return removed !== undefined && removed >= version;
  }

  /** Forgets a key, once a newer write brought it back. */
  clear(key: string): void {
    this.versions.delete(key);
  }

  get size(): number {
    return this.versions.size;
  }
}
