import type { Lease } from './lease.js';

/** Room the plans take by default: bodies and lease references, in bytes. */
export const DEFAULT_HEARTBEAT_PLAN_MAX_BYTES = 32 * 1024 * 1024;
/** Plans kept at most, whatever their size. */
const MAX_PLANS = 100_000;
/** Bytes counted per lease reference of a plan. */
const BYTES_PER_LEASE = 8;
/**
 * Bodies shorter than this are read, not planned: a key or two cost less to read than a plan's
 * hash and copy, and a plan per single-key body would fill the bound with tiny buffers.
 */
const MIN_PLANNED_BYTES = 256;

/**
 * A heartbeat body seen before, byte for byte, and the leases it renewed, in order. Clients
 * send the same body every heartbeat (the same instances, unchanged), so the next one can renew
 * these leases without reading the body or looking any of them up (docs/architecture.md,
 * "Heartbeat plans").
 */
export class HeartbeatPlan {
  constructor(
    /** The body, copied: the request's buffer is reused once it is answered. */
    readonly bytes: Buffer,
    readonly leases: readonly Lease[],
    readonly hash: number,
  ) {}
}

/** A 32-bit hash of every byte of `body` (FNV-1a on 32-bit words). */
function hashOf(body: Uint8Array): number {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const words = body.byteLength >> 2;
  let hash = 0x811c9dc5 ^ body.byteLength;
  for (let index = 0; index < words; index++) hash = Math.imul(hash ^ view.getInt32(index << 2, true), 0x01000193);
  for (let index = words << 2; index < body.byteLength; index++) hash = Math.imul(hash ^ (body[index] as number), 0x01000193);
  return hash;
}

function sameBytes(plan: HeartbeatPlan, body: Uint8Array): boolean {
  return plan.bytes.length === body.byteLength && plan.bytes.equals(body);
}

/**
 * The heartbeat plans of a node, bounded in count and bytes; the oldest go first. A plan only
 * says which leases a body renewed: whether they still may be renewed is checked each time
 * ({@link RegistryService.heartbeatPlanned}).
 */
export class HeartbeatPlans {
  private readonly plans = new Map<number, HeartbeatPlan>();
  private bytes = 0;
  /** Heartbeats answered by a plan since start. */
  used = 0;
  /** The body {@link find} last found no plan for, and its hash: remembering it next needs no second hash. */
  private missed: Uint8Array | null = null;
  private missedHash = 0;

  constructor(private readonly maxBytes: number = DEFAULT_HEARTBEAT_PLAN_MAX_BYTES) {}

  /** The plan of exactly these bytes, if one is kept. */
  find(body: Uint8Array): HeartbeatPlan | undefined {
    if (this.maxBytes === 0 || body.byteLength < MIN_PLANNED_BYTES) return undefined;
    const hash = hashOf(body);
    const plan = this.plans.get(hash);
    if (plan !== undefined && sameBytes(plan, body)) return plan;
    this.missed = body;
    this.missedHash = hash;
    return undefined;
  }

  /** Keeps the plan of a body whose every instance was renewed: `leases`, in the body's order. */
  remember(body: Uint8Array, leases: readonly Lease[]): void {
    const size = body.byteLength + leases.length * BYTES_PER_LEASE;
    if (body.byteLength < MIN_PLANNED_BYTES || size > this.maxBytes / 16) return;
    const hash = body === this.missed ? this.missedHash : hashOf(body);
    this.missed = null;
    const bytes = Buffer.allocUnsafeSlow(body.byteLength);
    bytes.set(body);
    // A body with the same hash (another body, or this one's stale plan) gives way.
    this.drop(this.plans.get(hash));
    this.plans.set(hash, new HeartbeatPlan(bytes, leases, hash));
    this.bytes += size;
    for (const oldest of this.plans.values()) {
      if (this.bytes <= this.maxBytes && this.plans.size <= MAX_PLANS) break;
      this.drop(oldest);
    }
  }

  /** Forgets a plan that no longer holds (a lease of it was replaced or expired). */
  drop(plan: HeartbeatPlan | undefined): void {
    if (plan === undefined || this.plans.get(plan.hash) !== plan) return;
    this.plans.delete(plan.hash);
    this.bytes -= plan.bytes.length + plan.leases.length * BYTES_PER_LEASE;
  }

  /** Plans kept now. */
  get size(): number {
    return this.plans.size;
  }

  /** Bytes the plans hold, as counted against the bound. */
  get heldBytes(): number {
    return this.bytes;
  }
}
