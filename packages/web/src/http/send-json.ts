import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzip, gzipSync } from 'node:zlib';
import { JsonBody } from '@artemis/server';
import { securityHeaders } from './cors.js';

/** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
const GZIP_MIN_BYTES = 1024;
/** Bodies larger than this are compressed off the event loop. */
const GZIP_SYNC_MAX_BYTES = 64 * 1024;

/** Compressed forms of prepared bodies: a body that comes back unchanged is not compressed again. */
const gzipped = new WeakMap<JsonBody, Buffer>();

function acceptsGzip(request: IncomingMessage): boolean {
  const accepted = request.headers['accept-encoding'];
  return accepted !== undefined && accepted.includes('gzip');
}

/** Headers of every JSON response, as a flat [name, value, ...] list (cheaper than an object per response). */
const JSON_HEADERS: readonly string[] = [
  ...Object.entries(securityHeaders).flatMap(([name, value]) => [name, value]),
  'Content-Type',
  'application/json;charset=UTF-8',
  'Vary',
  'Accept-Encoding',
];

function write(response: ServerResponse, status: number, payload: Buffer, gzip: boolean, extra: OutgoingHttpHeaders | undefined): void {
  const headers: (string | number)[] = [...JSON_HEADERS, 'Content-Length', payload.length];
  if (gzip) headers.push('Content-Encoding', 'gzip');
  if (extra !== undefined) for (const [name, value] of Object.entries(extra)) if (value !== undefined) headers.push(name, String(value));
  response.writeHead(status, headers as string[]);
  response.end(payload);
}

/**
 * Writes a JSON response, gzipped when the client accepts it and the body is worth it.
 * `body` is either an object to serialise or a prepared {@link JsonBody}, whose bytes and
 * compressed bytes are kept with it for the next request.
 */
export function sendJson(request: IncomingMessage, response: ServerResponse, status: number, body: JsonBody | object, extra?: OutgoingHttpHeaders): void {
  const prepared = body instanceof JsonBody ? body : null;
  const raw = prepared !== null ? prepared.bytes : Buffer.from(JSON.stringify(body), 'utf8');
  if (raw.length < GZIP_MIN_BYTES || !acceptsGzip(request)) {
    write(response, status, raw, false, extra);
    return;
  }
  const cached = prepared === null ? undefined : gzipped.get(prepared);
  if (cached !== undefined) {
    write(response, status, cached, true, extra);
    return;
  }
  const remember = (compressed: Buffer): void => {
    if (prepared !== null) gzipped.set(prepared, compressed);
    write(response, status, compressed, true, extra);
  };
  if (raw.length <= GZIP_SYNC_MAX_BYTES) {
    remember(gzipSync(raw));
    return;
  }
  gzip(raw, (error, compressed) => {
    if (error !== null) write(response, status, raw, false, extra);
    else remember(compressed);
  });
}
