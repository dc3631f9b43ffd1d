import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzip, gzipSync } from 'node:zlib';
import { JsonBody } from '@artemis/server';
import { corsHeaders } from './cors.js';

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

function write(response: ServerResponse, status: number, payload: Buffer | string, gzip: boolean, extra: OutgoingHttpHeaders | undefined): void {
  const headers: OutgoingHttpHeaders = {
    ...corsHeaders,
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length,
    Vary: 'Accept-Encoding',
    ...extra,
  };
  if (gzip) headers['Content-Encoding'] = 'gzip';
  response.writeHead(status, headers);
  response.end(payload);
}

/**
 * Writes a JSON response, gzipped when the client accepts it and the body is worth it.
 * `body` is either an object to serialise or a prepared {@link JsonBody}, whose compressed
 * bytes are kept with it for the next request.
 */
export function sendJson(request: IncomingMessage, response: ServerResponse, status: number, body: JsonBody | object, extra?: OutgoingHttpHeaders): void {
  const prepared = body instanceof JsonBody ? body : null;
  const json = prepared !== null ? prepared.json : JSON.stringify(body);
  // Strings are written as they are: keeping an encoded copy of every cached body would double its memory.
  if (json.length < GZIP_MIN_BYTES || !acceptsGzip(request)) {
    write(response, status, json, false, extra);
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
  if (json.length <= GZIP_SYNC_MAX_BYTES) {
    remember(gzipSync(json));
    return;
  }
  gzip(json, (error, compressed) => {
    if (error !== null) write(response, status, json, false, extra);
    else remember(compressed);
  });
}
