import { networkInterfaces } from 'node:os';

/** The first non-internal IPv4 address of this machine, or loopback. */
export function primaryAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}

/**
 * The URL to advertise for a node listening on `host:port`: the configured one, or the bound
 * address, with a wildcard host replaced by this machine's address so that peers and clients
 * elsewhere can use it.
 */
export function advertisedUrl(configured: string | undefined, host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  if (configured !== undefined) return configured.replace(/\/+$/, '');
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const name = wildcard ? primaryAddress() : host;
  return `${scheme}://${name.includes(':') ? `[${name}]` : name}:${port}`;
}
