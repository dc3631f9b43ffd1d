import type { OutgoingHttpHeaders } from 'node:http';
import type { AnswerSink, RequestHead } from './answer-sink.js';
import { gzip, gzipSync } from 'node:zlib';
import { JsonBody } from '@artemis/server';
import { securityHeaders } from './cors.js';
import { gzipChunks, writeChunks } from './chunked-body.js';

/** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
const GZIP_MIN_BYTES = 1024;
/** Bodies larger than this are compressed off the event loop. */
const GZIP_SYNC_MAX_BYTES = 64 * 1024;

/** The bytes of shared answers ({@link sharedAnswer}), serialised once. */
const sharedBytes = new WeakMap<object, Buffer>();

/**
 * Declares `value` an answer many requests share (a registry batch's success): it is
 * serialised now, once, and its bytes reused each time it is answered. It must be frozen, and
 * so must everything it holds, since later changes would not reach the wire.
 */
export function sharedAnswer<T extends object>(value: T): T {
  if (!Object.isFrozen(value)) throw new Error('a shared answer must be frozen');
  sharedBytes.set(value, Buffer.from(JSON.stringify(value), 'utf8'));
  return value;
}

/** Compressed forms of prepared bodies: a body that comes back unchanged is not compressed again. */
const gzipped = new WeakMap<JsonBody, Buffer>();
/** Compressions under way, so that callers asking for one large body at once share one. */
const compressing = new WeakMap<JsonBody, ((compressed: Buffer | null) => void)[]>();

function acceptsGzip(request: RequestHead): boolean {
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

/** Headers an answer adds to {@link JSON_HEADERS}: its own, and the request id it answers. */
interface Extra {
  readonly headers: OutgoingHttpHeaders | undefined;
  readonly requestId: string | undefined;
}

function writeHead(response: AnswerSink, status: number, length: number, gzip: boolean, extra: Extra): void {
  const headers: (string | number)[] = JSON_HEADERS.slice();
  headers.push('Content-Length', length);
  if (gzip) headers.push('Content-Encoding', 'gzip');
  if (extra.headers !== undefined) for (const [name, value] of Object.entries(extra.headers)) if (value !== undefined) headers.push(name, String(value));
  if (extra.requestId !== undefined) headers.push('x-request-id', extra.requestId);
  response.writeHead(status, headers as string[]);
}

function write(response: AnswerSink, status: number, payload: Buffer, gzip: boolean, extra: Extra): void {
  writeHead(response, status, payload.length, gzip, extra);
  response.end(payload);
}

/** Writes a small body of chunks without joining them: one corked write of all of them. */
function writeCorked(response: AnswerSink, status: number, body: JsonBody, extra: Extra): void {
  writeHead(response, status, body.byteLength, false, extra);
  response.cork();
  for (const chunk of body.chunks) response.write(chunk);
  response.end();
  response.uncork();
}

/** Gzipped forms being made of chunked bodies, shared by the requests that wait for them. */
const compressingChunks = new WeakMap<JsonBody, Promise<Buffer | null>>();

/**
 * A body made of many chunks (`services.json`): written chunk by chunk in slices, never joined;
 * its gzipped form made once, off the event loop, for every request that asks meanwhile.
 */
function sendChunked(request: RequestHead, response: AnswerSink, status: number, body: JsonBody, extra: Extra): void {
  const plain = (): void => {
    writeHead(response, status, body.byteLength, false, extra);
    void writeChunks(response, body.chunks).then((complete) => (complete ? response.end() : response.destroy()));
  };
  if (!acceptsGzip(request)) {
    plain();
    return;
  }
  const cached = gzipped.get(body);
  if (cached !== undefined) {
    write(response, status, cached, true, extra);
    return;
  }
  let compressed = compressingChunks.get(body);
  if (compressed === undefined) {
    compressed = gzipChunks(body.chunks).then(
      (bytes) => {
        gzipped.set(body, bytes);
        return bytes;
      },
      () => null,
    );
    compressingChunks.set(body, compressed);
    void compressed.finally(() => compressingChunks.delete(body));
  }
  void compressed.then((bytes) => (bytes === null ? plain() : write(response, status, bytes, true, extra)));
}

/**
 * Writes a JSON response, gzipped when the client accepts it and the body is worth it.
 * `body` is either an object to serialise or a prepared {@link JsonBody}, whose bytes and
 * compressed bytes are kept with it for the next request. `requestId`, when given, is sent as
 * `x-request-id`.
 */
export function sendJson(request: RequestHead, response: AnswerSink, status: number, body: JsonBody | object, headers?: OutgoingHttpHeaders, requestId?: string): void {
  const extra: Extra = { headers, requestId };
  const prepared = body instanceof JsonBody ? body : null;
  if (prepared !== null && prepared.chunks.length > 1) {
    if (prepared.byteLength > GZIP_SYNC_MAX_BYTES) {
      sendChunked(request, response, status, prepared, extra);
      return;
    }
    // A small body of chunks (a lookup's services): written as it is, in one corked write,
    // unless it is to be gzipped (then joined once, below).
    if (prepared.byteLength < GZIP_MIN_BYTES || !acceptsGzip(request)) {
      writeCorked(response, status, prepared, extra);
      return;
    }
  }
  const raw = prepared !== null ? prepared.bytes : (sharedBytes.get(body) ?? Buffer.from(JSON.stringify(body), 'utf8'));
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
  const reply = (compressed: Buffer | null): void => {
    if (compressed === null) write(response, status, raw, false, extra);
    else write(response, status, compressed, true, extra);
  };
  if (prepared === null) {
    gzip(raw, (error, compressed) => reply(error === null ? compressed : null));
    return;
  }
  const waiting = compressing.get(prepared);
  if (waiting !== undefined) {
    waiting.push(reply);
    return;
  }
  const waiters = [reply];
  compressing.set(prepared, waiters);
  gzip(raw, (error, compressed) => {
    compressing.delete(prepared);
    if (error === null) gzipped.set(prepared, compressed);
    for (const waiter of waiters) waiter(error === null ? compressed : null);
  });
}
