import type { Instance } from '../model/instance.js';
import { decodeInstancesRequest } from './instances-request.decoder.js';

/** What a heartbeat needs of an instance: its lease's key and its zone. */
export interface HeartbeatKey {
  readonly serviceId: string | null;
  readonly instanceId: string | null;
  readonly regionId: string | null;
  readonly zoneId: string | null;
}

/** The body's text, once: a failure quotes its instance whole, and that is rare enough to decode then. */
const utf8 = new TextDecoder();

/**
 * A register/heartbeat/unregister body read by `readInstanceKeys`: the key of each element
 * (null where the body has null), and the elements whole on demand, decoded as
 * {@link decodeInstancesRequest} reads them.
 */
export class InstanceKeyBatch {
  private decoded: readonly (Instance | null)[] | null = null;

  constructor(
    /** One entry per element of `instances`, null where the element is null. */
    readonly keys: readonly (HeartbeatKey | null)[],
    /** The body the keys were read from. */
    readonly body: Uint8Array,
  ) {}

  /** The element at `index` with every field, exactly as the schema path decodes it (a failure quotes it). */
  instance(index: number): Instance | null {
    this.decoded ??= decodeInstancesRequest(JSON.parse(utf8.decode(this.body)) as unknown).instances ?? [];
    return this.decoded[index] ?? null;
  }
}
