import type { Lease } from './lease.js';

/**
 * Leases bucketed by the slot in which they may expire. The cleaner visits only due slots;
 * a renewed lease is found there and moved to its new expiry, so each lease is touched about
 * once per TTL instead of once per cleaning pass. Renewals never touch the wheel.
 */
export class ExpiryWheel {
  private readonly slots = new Map<number, Lease[]>();
  private nextSlot: number;

  constructor(
    readonly resolutionMs: number,
    now: number,
  ) {
    this.nextSlot = this.slotOf(now);
  }

  /** Files `lease` so that it is visited once `now > at`. */
  schedule(lease: Lease, at: number): void {
    const slot = Math.max(this.slotOf(at) + 1, this.nextSlot);
    lease.wheelSlot = slot;
    const leases = this.slots.get(slot);
    if (leases === undefined) this.slots.set(slot, [lease]);
    else leases.push(lease);
  }

  /**
   * Takes up to `max` due leases out of the wheel, skipping entries that moved elsewhere or
   * whose lease was removed. Fewer than `max` means nothing due is left.
   */
  takeDue(now: number, max: number, isLive: (lease: Lease) => boolean): Lease[] {
    const taken: Lease[] = [];
    const last = this.slotOf(now);
    // After a long idle gap it is cheaper to visit the occupied slots than every slot.
    const slots = last - this.nextSlot > this.slots.size ? [...this.slots.keys()].filter((s) => s <= last).sort((a, b) => a - b) : null;
    let cursor = 0;
    while (taken.length < max) {
      const slot = slots === null ? this.nextSlot : slots[cursor];
      if (slot === undefined || slot > last) break;
      const leases = this.slots.get(slot);
      if (leases !== undefined) {
        while (leases.length > 0 && taken.length < max) {
          const lease = leases.pop() as Lease;
          if (lease.wheelSlot === slot && isLive(lease)) {
            lease.wheelSlot = -1;
            taken.push(lease);
          }
        }
        if (leases.length > 0) break;
        this.slots.delete(slot);
      }
      if (slots === null) this.nextSlot = slot + 1;
      else cursor += 1;
    }
    if (slots !== null && taken.length < max) this.nextSlot = last + 1;
    return taken;
  }

  private slotOf(time: number): number {
    return Math.floor(time / this.resolutionMs);
  }
}
