import { instanceIdentity, type InstanceChange } from '@artemis/core';
import { approximateInstanceBytes } from './approximate-size.js';
import type { ChangeEvent } from './change-event.js';

/** The changes since a version, grouped by serviceId as registered. */
export type ServicesDelta = Map<string, InstanceChange[]>;

/** What one entry costs beyond its instance, in bytes. */
const EVENT_OVERHEAD = 96;

/**
 * The bounded log of changes, each with a monotonic version. Versions start at the node's
 * start time in milliseconds times 1000, so a version handed out before a restart is older
 * than anything the restarted node holds and is answered `data-not-found` (a full re-read),
 * never with a wrong delta. It is bounded by count and by the approximate bytes of the
 * instances it holds (a change holds the whole instance, and a replaced instance lives on only
 * here): past either bound the oldest changes are dropped.
 */
export class ChangeLog {
  private readonly ring: (ChangeEvent | undefined)[];
  private readonly sizes: Float64Array;
  private head = 0;
  private size = 0;
  private bytes = 0;
  private current: number;

  constructor(
    readonly capacity: number,
    startVersion: number,
    /** Most approximate bytes of changes held. */
    readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.ring = new Array<ChangeEvent | undefined>(capacity);
    this.sizes = new Float64Array(capacity);
    this.current = startVersion;
  }

  /** Changes held. */
  get length(): number {
    return this.size;
  }

  /** Approximate bytes of the changes held. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** The version of the newest change (the start version when there is none). */
  get version(): number {
    return this.current;
  }

  /** The oldest version a delta can start from. */
  get oldestDeltaVersion(): number {
    return this.current - this.size;
  }

  /** Appends a change and returns its event, which carries the new version. */
  append(serviceKey: string, serviceId: string, change: InstanceChange): ChangeEvent {
    this.current += 1;
    const event: ChangeEvent = { version: this.current, serviceKey, serviceId, change };
    const bytes = EVENT_OVERHEAD + serviceKey.length + serviceId.length + approximateInstanceBytes(change.instance);
    while (this.size > 0 && (this.size >= this.capacity || this.bytes + bytes > this.maxBytes)) this.dropOldest();
    const slot = (this.head + this.size) % this.capacity;
    this.ring[slot] = event;
    this.sizes[slot] = bytes;
    this.size += 1;
    this.bytes += bytes;
    return event;
  }

  private dropOldest(): void {
    this.ring[this.head] = undefined;
    this.bytes -= this.sizes[this.head] ?? 0;
    this.head = (this.head + 1) % this.capacity;
    this.size -= 1;
  }

  /**
   * The events after `version`, oldest first; null when `version` is older than the log holds
   * or newer than the current version (it came from another node or an earlier run).
   */
  eventsSince(version: number): ChangeEvent[] | null {
    if (version > this.current || version < this.oldestDeltaVersion) return null;
    const count = this.current - version;
    const events: ChangeEvent[] = new Array<ChangeEvent>(count);
    const first = this.size - count;
    for (let i = 0; i < count; i++) events[i] = this.ring[(this.head + first + i) % this.capacity] as ChangeEvent;
    return events;
  }

  /**
   * The delta since `version`, with only the last change of each instance (applying the
   * changes in order or only the last one of each instance leaves a client in the same state);
   * null when the version is not retained.
   */
  deltaSince(version: number): ServicesDelta | null {
    const events = this.eventsSince(version);
    if (events === null) return null;
    const byService = new Map<string, Map<string, InstanceChange>>();
    const serviceIds = new Map<string, string>();
    for (const event of events) {
      let changes = byService.get(event.serviceKey);
      if (changes === undefined) {
        changes = new Map();
        byService.set(event.serviceKey, changes);
        serviceIds.set(event.serviceKey, event.serviceId);
      }
      const identity = instanceIdentity(event.change.instance);
      changes.delete(identity);
      changes.set(identity, event.change);
    }
    const delta: ServicesDelta = new Map();
    for (const [serviceKey, changes] of byService) delta.set(serviceIds.get(serviceKey) ?? serviceKey, [...changes.values()]);
    return delta;
  }
}
