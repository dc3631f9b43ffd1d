import { ArtemisError, ErrorCode } from '@artemis/core';

/** A configured peer: its base URL and, in the Java `zone:url,url;zone2:url` form, its zone. */
export interface PeerAddress {
  readonly url: string;
  readonly zoneId: string | null;
}

/** A base URL without trailing slashes, lowercased scheme and host, as peers compare them. */
export function normalizeNodeUrl(text: string): string {
  const url = new URL(text.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${text} is not an http(s) URL`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

function parseUrl(text: string): string {
  try {
    return normalizeNodeUrl(text);
  } catch (error) {
    throw new ArtemisError(ErrorCode.badRequest, `cluster peer "${text}" is not a valid http(s) URL: ${(error as Error).message}`);
  }
}

/**
 * Reads the peer list: `http://a:8080,http://b:8080` or Java's `zoneA:url,url;zoneB:url`, a list
 * of either, or nothing. The node's own advertised URL is taken out (every node can share one
 * list); naming any node twice is refused, since it usually hides a typo.
 */
export function parsePeers(spec: string | readonly string[] | undefined, self: string): PeerAddress[] {
  const parts = spec === undefined ? [] : typeof spec === 'string' ? [spec] : spec;
  const peers: PeerAddress[] = [];
  const seen = new Set<string>();
  const me = parseUrl(self);
  for (const part of parts) {
    for (const group of part.split(';')) {
      const trimmed = group.trim();
      if (trimmed === '') continue;
      // Java's form names a zone before the first colon that does not start a URL.
      const zoned = /^([A-Za-z0-9_.-]+):(?!\/\/)(.*)$/.exec(trimmed);
      const zoneId = zoned === null ? null : (zoned[1] as string);
      const urls = zoned === null ? trimmed : (zoned[2] as string);
      for (const item of urls.split(',')) {
        if (item.trim() === '') continue;
        const url = parseUrl(item);
        if (seen.has(url)) throw new ArtemisError(ErrorCode.badRequest, `cluster peer ${url} is listed twice`);
        seen.add(url);
        if (url !== me) peers.push({ url, zoneId });
      }
    }
  }
  return peers;
}
