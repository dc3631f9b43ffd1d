import type { JsonBody } from './json-body.js';

/** Request bodies longer than this are answered but not cached (clients send short ones). */
export const ANSWER_CACHE_MAX_KEY_BYTES = 4 * 1024;

/** Most answers kept (a body per service and caller kind is typical); past it the oldest are dropped. */
export const ANSWER_CACHE_MAX_ENTRIES = 100_000;

/**
 * Most bytes of request bodies and answers kept; past it the oldest are dropped. Counted in full
 * though a `service.json` answer shares its bytes with the served-service cache: a lookup's
 * answer is a copy (one joined buffer), and an entry keeps its answer alive past that cache.
 */
export const ANSWER_CACHE_MAX_BYTES = 128 * 1024 * 1024;

/** The operations whose answers are cached; an operation's answers never serve another's. */
export type AnswerKind = 'lookup' | 'service';

/** What one entry costs: its key (one byte a char) and its answer, plus the map's share. */
function entryBytes(key: string, answer: JsonBody): number {
  return key.length + answer.byteLength + 128;
}

/**
 * Whole answers of `lookup.json` and `service.json` (what Eureka calls its response cache),
 * keyed by the request body's exact bytes: the clients of one service send the same body again
 * and again, and a hit costs a map lookup instead of a JSON.parse, a decode and a look-up per
 * service. An answer depends on the bodies' services (the store's revision, bumped by every
 * change of any service), the filter chain (its generation, bumped by every management change)
 * and the request body (the key); the cache holds answers of one (revision, generation) pair
 * only and empties itself when either moves. Bounded in entries and in bytes: past either, the
 * oldest answers are dropped.
 */
export class AnswerCache {
  /**
   * One map per kind, so that a key is the body's bytes alone: a kind prefix made every look-up
   * concatenate and then flatten a string of the body's length (half the look-up's cost).
   */
  private readonly entries: Readonly<Record<AnswerKind, Map<string, JsonBody>>> = { lookup: new Map(), service: new Map() };
  private revision = -1;
  private generation = -1;
  private bytes = 0;

  constructor(
    readonly maxEntries = ANSWER_CACHE_MAX_ENTRIES,
    readonly maxBytes = ANSWER_CACHE_MAX_BYTES,
    readonly maxKeyBytes = ANSWER_CACHE_MAX_KEY_BYTES,
  ) {}

  /** The cache key of a body, or null for a body too long to cache. */
  keyOf(body: Buffer): string | null {
    if (body.length > this.maxKeyBytes) return null;
    // latin1 maps each byte to one char: the key is the bytes themselves, with no decoding.
    return body.toString('latin1');
  }

  /** The `kind` answer cached under `key` at this revision and generation, if any. */
  get(kind: AnswerKind, key: string, revision: number, generation: number): JsonBody | undefined {
    if (revision !== this.revision || generation !== this.generation) {
      this.reset(revision, generation);
      return undefined;
    }
    return this.entries[kind].get(key);
  }

  /** Keeps `answer` as the `kind` answer under `key`, computed at this revision and generation. */
  set(kind: AnswerKind, key: string, answer: JsonBody, revision: number, generation: number): void {
    if (revision !== this.revision || generation !== this.generation) this.reset(revision, generation);
    const bytes = entryBytes(key, answer);
    if (bytes > this.maxBytes) return;
    const entries = this.entries[kind];
    const previous = entries.get(key);
    if (previous !== undefined) this.drop(entries, key, previous);
    // The oldest of this kind go first, then (when this kind has none left) the other's.
    const other = this.entries[kind === 'lookup' ? 'service' : 'lookup'];
    while (this.size > 0 && (this.size >= this.maxEntries || this.bytes + bytes > this.maxBytes)) {
      const from = entries.size > 0 ? entries : other;
      const oldest = from.entries().next();
      if (oldest.done === true) break;
      this.drop(from, oldest.value[0], oldest.value[1]);
    }
    entries.set(key, answer);
    this.bytes += bytes;
  }

  /** Number of answers held. */
  get size(): number {
    return this.entries.lookup.size + this.entries.service.size;
  }

  /** Approximate bytes held. */
  get heldBytes(): number {
    return this.bytes;
  }

  private drop(entries: Map<string, JsonBody>, key: string, answer: JsonBody): void {
    entries.delete(key);
    this.bytes -= entryBytes(key, answer);
  }

  private reset(revision: number, generation: number): void {
    this.entries.lookup.clear();
    this.entries.service.clear();
    this.bytes = 0;
    this.revision = revision;
    this.generation = generation;
  }
}
