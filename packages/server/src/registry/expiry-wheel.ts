import type { Lease } from './lease.js';

/**
 * Leases bucketed by the slot in which they may expire. The cleaner visits only due slots;
 * a renewed lease is found there and moved to its new expiry, so each lease is touched about
 * once per TTL instead of once per cleaning pass. Renewals never touch the wheel. A lease that
 * is replaced (re-register) or removed leaves the wheel at once: the wheel holds at most one
 * entry per live lease, however fast a client re-registers.
 */
export class ExpiryWheel {
  private readonly slots = new Map<number, Set<Lease>>();
  private nextSlot: number;
  private entries = 0;

  constructor(
    readonly resolutionMs: number,
    now: number,
  ) {
    this.nextSlot = this.slotOf(now);
  }

  /** Number of leases filed in the wheel. */
  get size(): number {
    return this.entries;
  }

  /** Files `lease` so that it is visited once `now > at`; a lease already filed moves. */
  schedule(lease: Lease, at: number): void {
    this.remove(lease);
    const slot = Math.max(this.slotOf(at) + 1, this.nextSlot);
    lease.wheelSlot = slot;
    const leases = this.slots.get(slot);
    if (leases === undefined) this.slots.set(slot, new Set([lease]));
    else leases.add(lease);
    this.entries += 1;
  }

  /** Takes `lease` out of the wheel, if it is filed there. */
  remove(lease: Lease): void {
    if (lease.wheelSlot < 0) return;
    const leases = this.slots.get(lease.wheelSlot);
    if (leases?.delete(lease) === true) {
      this.entries -= 1;
      if (leases.size === 0) this.slots.delete(lease.wheelSlot);
    }
    lease.wheelSlot = -1;
  }

  /**
   * Takes up to `max` due leases out of the wheel, skipping those whose lease was removed.
   * Fewer than `max` means nothing due is left.
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
        for (const lease of leases) {
          if (taken.length >= max) break;
          leases.delete(lease);
          this.entries -= 1;
          lease.wheelSlot = -1;
          if (isLive(lease)) taken.push(lease);
        }
        if (leases.size > 0) break;
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
