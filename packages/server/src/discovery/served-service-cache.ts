import { SUCCESS, type DiscoveryConfig, type Service } from '@artemis/core';
import type { ServiceRecord } from '../registry/registry-store.js';
import type { FilterChain } from './filter-chain.js';
import { JsonBody } from './json-body.js';

const SUCCESS_JSON = JSON.stringify(SUCCESS);
/** What a `service.json` answer holds before the service's JSON (ASCII: its length is its byte length). */
const BODY_PREFIX = `{"responseStatus":${SUCCESS_JSON},"service":`;

/** A served service, its JSON and, built on first use, its `service.json` response body. */
export class Served {
  readonly json: string;
  private body: JsonBody | null = null;
  private bytes: Buffer | null = null;

  constructor(
    readonly service: Service,
    /** Revision of the service when it was served; -1 for an unregistered one. */
    readonly revision = -1,
    /** Filter-chain generation it was served with. */
    readonly generation = -1,
  ) {
    this.json = JSON.stringify(service);
  }

  /** The whole `service.json` answer; the same object as long as this entry lives. */
  get responseBody(): JsonBody {
    return (this.body ??= new JsonBody(`${BODY_PREFIX}${this.json}}`));
  }

  /**
   * The service's JSON as UTF-8 bytes: a view into the response body's bytes, so that a lookup
   * copies bytes already encoded instead of joining strings and encoding them per request.
   */
  get serviceBytes(): Buffer {
    if (this.bytes === null) {
      const all = this.responseBody.bytes;
      // Kept: a lookup reads it for each of its services, and a fresh view per read was garbage.
      this.bytes = all.subarray(BODY_PREFIX.length, all.length - 1);
    }
    return this.bytes;
  }
}

/** Most cached variants kept per node; past it the oldest are dropped. */
const MAX_ENTRIES = 1_000_000;

/** Default bound on the cache's bytes. */
export const DEFAULT_SERVED_CACHE_MAX_BYTES = 256 * 1024 * 1024;

/** What an entry holds: its JSON and, once served, the response body built from it. */
function entryBytes(entry: Served): number {
  return 2 * entry.json.length + 128;
}

/**
 * Served services, filtered and serialised once per change: a read of an unchanged service
 * costs a map lookup. Entries are keyed by service and (when a filter depends on the caller)
 * by the caller's variant, and checked against the service's revision and the
 * filter chain's generation. Bounded in count and in bytes: past either, the oldest variants
 * are dropped (and built again when asked for).
 */
export class ServedServiceCache {
  private readonly entries = new Map<string, Served>();
  private bytes = 0;

  constructor(
    private readonly filters: FilterChain,
    /** Most bytes of cached JSON and bodies. */
    readonly maxBytes = DEFAULT_SERVED_CACHE_MAX_BYTES,
  ) {}

  /** Approximate bytes held. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** The service as `config` should see it, and its JSON. */
  get(record: ServiceRecord, config: DiscoveryConfig): Served {
    const key = this.filters.contextFree ? record.serviceKey : `${record.serviceKey}\u0000${this.filters.contextKey(config)}`;
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.revision === record.revision && cached.generation === this.filters.generation) return cached;
    const entry = new Served(this.filters.apply(registeredService(record), config), record.revision, this.filters.generation);
    if (cached !== undefined) this.drop(key, cached);
    const bytes = entryBytes(entry);
    while (this.entries.size > 0 && (this.entries.size >= MAX_ENTRIES || this.bytes + bytes > this.maxBytes)) {
      const oldest = this.entries.entries().next();
      if (oldest.done === true) break;
      this.drop(oldest.value[0], oldest.value[1]);
    }
    // An entry bigger than the whole bound is served but not kept.
    if (bytes <= this.maxBytes) {
      this.entries.set(key, entry);
      this.bytes += bytes;
    }
    return entry;
  }

  /** Drops the entries of a service that is gone. */
  forget(serviceKey: string): void {
    if (this.filters.contextFree) {
      const entry = this.entries.get(serviceKey);
      if (entry !== undefined) this.drop(serviceKey, entry);
      return;
    }
    for (const [key, entry] of this.entries) if (key === serviceKey || key.startsWith(`${serviceKey}\u0000`)) this.drop(key, entry);
  }

  private drop(key: string, entry: Served): void {
    this.entries.delete(key);
    this.bytes -= entryBytes(entry);
  }

  /** Number of cached variants. */
  get size(): number {
    return this.entries.size;
  }
}

/** A registered service before filters: its live instances, and empty management data. */
export function registeredService(record: ServiceRecord): Service {
  const instances = new Array(record.leases.size);
  let i = 0;
  for (const lease of record.leases.values()) instances[i++] = lease.instance;
  return { instances, logicInstances: [], metadata: null, routeRules: [], serviceId: record.serviceId };
}
