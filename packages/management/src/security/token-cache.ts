import type { TokenRow } from '../database/tables/security.table.js';

/** A token as authentication needs it, cached per node. */
export interface CachedToken {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly owner: string;
  readonly serviceIds: readonly string[] | null;
  readonly expiresAt: number | null;
  readonly revoked: boolean;
}

/** Bounds of {@link TokenCache}. */
export interface TokenCacheOptions {
  /** Most tokens remembered (default 10,000). */
  readonly maxEntries: number;
  /** Most unknown secrets remembered as unknown (default 10,000). */
  readonly maxNegativeEntries: number;
  /** How long an unknown secret stays known as unknown (default 5 s; a change clears it sooner). */
  readonly negativeTtlMs: number;
}

const defaults: TokenCacheOptions = { maxEntries: 10_000, maxNegativeEntries: 10_000, negativeTtlMs: 5_000 };

/** Reads a token row into its cached form. */
export function cachedToken(row: TokenRow): CachedToken {
  let serviceIds: readonly string[] | null = null;
  if (row.service_ids !== null) {
    const parsed: unknown = JSON.parse(row.service_ids);
    serviceIds = Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    role: row.role,
    owner: row.owner,
    serviceIds,
    expiresAt: row.expires_at === null ? null : row.expires_at.getTime(),
    revoked: row.revoked_at !== null,
  };
}

/**
 * The tokens this node has seen, by secret hash, and a bounded set of hashes known not to be
 * tokens (so a flood of made-up secrets costs no database round trips). Any security change,
 * here or on another node, clears both: {@link invalidate} is called on every NOTIFY and when
 * the periodic check sees the tables changed. A load that started before an invalidation is
 * not cached.
 */
export class TokenCache {
  private readonly options: TokenCacheOptions;
  private readonly known = new Map<string, CachedToken>();
  private readonly unknown = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly load: (hash: string) => Promise<TokenRow | undefined>,
    options: Partial<TokenCacheOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaults, ...options };
  }

  /** The token whose secret hashes to `hash` (revoked and expired ones included), or null. */
  async lookup(hash: string): Promise<CachedToken | null> {
    const hit = this.known.get(hash);
    if (hit !== undefined) return hit;
    const missUntil = this.unknown.get(hash);
    if (missUntil !== undefined) {
      if (missUntil > this.now()) return null;
      this.unknown.delete(hash);
    }
    const generation = this.generation;
    const row = await this.load(hash);
    const token = row === undefined ? null : cachedToken(row);
    if (generation !== this.generation) return token;
    if (token === null) {
      if (this.unknown.size >= this.options.maxNegativeEntries) this.unknown.delete(this.unknown.keys().next().value!);
      this.unknown.set(hash, this.now() + this.options.negativeTtlMs);
    } else {
      if (this.known.size >= this.options.maxEntries) this.known.delete(this.known.keys().next().value!);
      this.known.set(hash, token);
    }
    return token;
  }

  /** Forgets everything: the next lookup of each secret reads the database. */
  invalidate(): void {
    this.generation += 1;
    this.known.clear();
    this.unknown.clear();
  }

  /** Entries held, for tests of the bounds. */
  get sizes(): { known: number; unknown: number } {
    return { known: this.known.size, unknown: this.unknown.size };
  }
}
