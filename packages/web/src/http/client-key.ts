import type { RouteContext } from './json-route.js';

/**
 * The key a caller's fair share of the rate limits is counted under: its remote address over
 * HTTP (an IPv4-mapped IPv6 address as plain IPv4), its session on the push channels.
 */
export function clientOf(context: RouteContext): string {
  const address = context.remoteAddress;
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** The rate-limit key of one push session. */
export function sessionClient(channel: string, sessionId: string | number): string {
  return `${channel}#${sessionId}`;
}
