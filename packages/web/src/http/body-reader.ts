import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { HttpError } from './http-error.js';

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `request body is larger than the limit of ${limit} bytes`);
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    default:
      throw new HttpError(415, `unsupported Content-Encoding: ${encoding}`);
  }
}

/**
 * Reads a request body, decompressing gzip or deflate on the way, and refuses it (413) as soon
 * as either the bytes received or the bytes decompressed pass `limit`: a decompression bomb is
 * stopped after `limit` bytes of output, not after it has filled memory.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  let decoder: Transform | null;
  try {
    decoder = decoderFor((request.headers['content-encoding'] ?? '').trim().toLowerCase());
  } catch (error) {
    return Promise.reject(error as Error);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      request.off('data', onRaw);
      request.off('data', onDecoded);
      if (decoder !== null) {
        request.unpipe(decoder);
        decoder.off('data', onDecoded);
        if (error !== null) decoder.destroy();
      }
      if (error !== null) reject(error);
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, decoded));
    };
    const onRaw = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) finish(tooLarge(limit));
    };
    const onDecoded = (chunk: Buffer): void => {
      decoded += chunk.length;
      if (decoded > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    request.on('data', onRaw);
    request.once('aborted', () => finish(new HttpError(400, 'request body was cut short')));
    request.once('error', (error) => finish(error));
    if (decoder === null) {
      request.on('data', onDecoded);
      request.once('end', () => finish(null));
    } else {
      decoder.on('data', onDecoded);
      decoder.once('end', () => finish(null));
      decoder.once('error', () => finish(new HttpError(400, 'request body is not valid compressed data')));
      request.pipe(decoder);
    }
  });
}

/** Told once of a body read with {@link readBodyThen}: the bytes, or why there are none. */
export interface BodyReceiver {
  bodyRead(body: Buffer): void;
  bodyFailed(error: Error): void;
}

/**
 * An uncompressed body read with three listeners and no promise: the hot paths' heartbeat and
 * discovery reads, a few hundred bytes that arrive in one chunk.
 */
class PlainBody {
  private first: Buffer | null = null;
  private rest: Buffer[] | null = null;
  private received = 0;
  private settled = false;

  constructor(
    private readonly limit: number,
    private readonly receiver: BodyReceiver,
  ) {}

  readonly onData = (chunk: Buffer): void => {
    if (this.settled) return;
    this.received += chunk.length;
    if (this.received > this.limit) this.fail(tooLarge(this.limit));
    else if (this.first === null) this.first = chunk;
    else (this.rest ??= [this.first]).push(chunk);
  };

  readonly onEnd = (): void => {
    if (this.settled) return;
    this.settled = true;
    this.receiver.bodyRead(this.rest !== null ? Buffer.concat(this.rest, this.received) : (this.first ?? EMPTY));
  };

  /** `close` before `end`: the client went away (or the request was destroyed) mid-body. */
  readonly onClose = (): void => {
    if (!this.settled) this.fail(new HttpError(400, 'request body was cut short'));
  };

  private fail(error: Error): void {
    this.settled = true;
    this.receiver.bodyFailed(error);
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * {@link readBody} for callers that want no promise: `receiver` is told once, of the body or of
 * the refusal (413, 415, 400), with the same limits and decompression.
 */
export function readBodyThen(request: IncomingMessage, limit: number, receiver: BodyReceiver): void {
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    readBody(request, limit).then(
      (body) => receiver.bodyRead(body),
      (error: unknown) => receiver.bodyFailed(error as Error),
    );
    return;
  }
  if (Number(request.headers['content-length']) > limit) {
    receiver.bodyFailed(tooLarge(limit));
    return;
  }
  const body = new PlainBody(limit, receiver);
  request.on('data', body.onData);
  request.on('end', body.onEnd);
  // An error is emitted to listeners only (node:http), so `close` alone tells of any early end.
  request.on('close', body.onClose);
}

/** Parses a JSON body; an empty body reads as `{}`. Malformed JSON is a 400. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw new HttpError(400, `malformed JSON: ${(error as Error).message}`);
  }
}
