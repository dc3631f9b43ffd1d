import { isIPv4 } from 'node:net';

/** An IPv4 address as a 32-bit number. */
function ipv4(address: string): number {
  return address.split('.').reduce((value, part) => (value << 8) + Number(part), 0) >>> 0;
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) reads as `10.0.0.1`. */
export function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/**
 * A list of addresses and IPv4 CIDR blocks (`10.0.0.0/8`, `127.0.0.1`, `::1`), for the
 * registry's allow list. IPv6 entries match exactly.
 */
export class IpAllowList {
  private readonly exact = new Set<string>();
  private readonly blocks: { base: number; mask: number }[] = [];

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim();
      const [address, bits] = entry.split('/') as [string, string | undefined];
      if (bits !== undefined && isIPv4(address)) {
        const prefix = Number(bits);
        if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`bad CIDR block in the allow list: ${entry}`);
        const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
        this.blocks.push({ base: (ipv4(address) & mask) >>> 0, mask });
      } else {
        this.exact.add(normaliseAddress(entry.toLowerCase()));
      }
    }
  }

  /** True when nothing is listed (the list does not restrict). */
  get empty(): boolean {
    return this.exact.size === 0 && this.blocks.length === 0;
  }

  /** True when `address` is listed or falls in a listed block. */
  allows(address: string): boolean {
    const peer = normaliseAddress(address.toLowerCase());
    if (this.exact.has(peer)) return true;
    if (!isIPv4(peer)) return false;
    const value = ipv4(peer);
    return this.blocks.some((block) => ((value & block.mask) >>> 0) === block.base);
  }
}
