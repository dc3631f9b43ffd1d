import type { IncomingMessage } from 'node:http';

/** The peer's IP, with an IPv4-mapped IPv6 address given as plain IPv4. */
export function remoteIp(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
