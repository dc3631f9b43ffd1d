import { SUCCESS, type Service } from '@artemis/core';
import type { ServiceRecord } from '../registry/registry-store.js';
import { JsonBody } from './json-body.js';
import type { Served } from './served-service-cache.js';

const PREFIX = Buffer.from(`{"responseStatus":${JSON.stringify(SUCCESS)},"services":[`, 'utf8');
const COMMA = Buffer.from(',', 'utf8');

/** Work done between two yields to the event loop while a snapshot is built. */
const SLICE_MS = 5;

/** One service's part of the snapshot: its encoded JSON, kept until the service changes. */
interface Piece {
  readonly served: Served;
  readonly bytes: Buffer;
}

/** Every service that has instances, at one version, as `services.json` answers it. */
export interface ServicesSnapshot {
  /** The store revision and filter generation it was built at. */
  readonly key: string;
  readonly version: number;
  readonly services: Service[];
  readonly body: JsonBody;
}

/** What the builder needs from discovery: the served form of a record. */
export type ServeRecord = (record: ServiceRecord) => Served;

/**
 * Builds the `services.json` snapshot from the per-service pieces it kept from the last build,
 * so a change to one service re-encodes that service only, and the answer is the list of those
 * encoded pieces (no 32 MiB string to join and encode, no 32 MiB buffer to fill). The asynchronous form
 * yields to the event loop every few milliseconds, so a first build over 100,000 instances
 * never stalls the node (docs/benchmarks.md, get-services); concurrent callers share one build.
 */
export class ServicesSnapshotBuilder {
  private pieces = new Map<string, Piece>();
  private current: ServicesSnapshot | null = null;
  private inFlight: { key: string; promise: Promise<ServicesSnapshot> } | null = null;

  constructor(private readonly serve: ServeRecord) {}

  /** The snapshot for `key` if it is the last one built. */
  cached(key: string): ServicesSnapshot | null {
    return this.current?.key === key ? this.current : null;
  }

  /** Builds at once, on the caller's stack (the typed API for embedders). */
  buildNow(key: string, version: number, records: Iterable<ServiceRecord>): ServicesSnapshot {
    const cached = this.cached(key);
    if (cached !== null) return cached;
    const next = new Map<string, Piece>();
    for (const record of records) this.take(record, next);
    return this.finish(key, version, next);
  }

  /** Builds in slices that yield to the event loop; one build per key at a time. */
  build(key: string, version: number, records: () => Iterable<ServiceRecord>): Promise<ServicesSnapshot> {
    const cached = this.cached(key);
    if (cached !== null) return Promise.resolve(cached);
    if (this.inFlight?.key === key) return this.inFlight.promise;
    const promise = this.buildSliced(key, version, records()).finally(() => {
      if (this.inFlight?.promise === promise) this.inFlight = null;
    });
    this.inFlight = { key, promise };
    return promise;
  }

  private async buildSliced(key: string, version: number, records: Iterable<ServiceRecord>): Promise<ServicesSnapshot> {
    const next = new Map<string, Piece>();
    let sliceStart = performance.now();
    for (const record of records) {
      this.take(record, next);
      if (performance.now() - sliceStart >= SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return this.finish(key, version, next);
  }

  /** Reuses the record's piece when its served form is the same object as last time. */
  private take(record: ServiceRecord, next: Map<string, Piece>): void {
    const served = this.serve(record);
    const instances = served.service.instances;
    if (instances === null || instances.length === 0) return;
    const kept = this.pieces.get(record.serviceKey);
    next.set(record.serviceKey, kept !== undefined && kept.served === served ? kept : { served, bytes: Buffer.from(served.json, 'utf8') });
  }

  private finish(key: string, version: number, next: Map<string, Piece>): ServicesSnapshot {
    const chunks: Buffer[] = [PREFIX];
    const services: Service[] = [];
    for (const piece of next.values()) {
      if (services.length > 0) chunks.push(COMMA);
      chunks.push(piece.bytes);
      services.push(piece.served.service);
    }
    chunks.push(Buffer.from(`],"version":${version}}`, 'utf8'));
    this.pieces = next;
    const snapshot: ServicesSnapshot = { key, version, services, body: JsonBody.fromChunks(chunks) };
    // A build that finished after a newer one keeps the newer snapshot.
    if (this.current === null || this.current.version <= version) this.current = snapshot;
    return snapshot;
  }
}
