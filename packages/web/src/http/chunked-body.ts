import type { SinkEvent } from './answer-sink.js';

/** What a body written in slices needs of its stream: a node stream or an answer sink. */
export interface ChunkSink {
  readonly destroyed: boolean;
  write(chunk: Buffer): boolean;
  once(event: SinkEvent, listener: () => void): unknown;
  off(event: SinkEvent, listener: () => void): unknown;
}
import { createGzip } from 'node:zlib';

/** Work done between two yields to the event loop while a large body is written. */
const SLICE_MS = 5;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves when the stream drains; false when it closed or failed first. */
function drained(stream: ChunkSink): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      stream.off('error', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    stream.once('drain', onDrain);
    stream.once('close', onClose);
    stream.once('error', onClose);
  });
}

/**
 * Writes `chunks` to `stream` in slices that leave the event loop to other requests, waiting
 * for the stream to drain when its buffer is full. Resolves false when the stream closed
 * before everything was written (a client that went away).
 */
export async function writeChunks(stream: ChunkSink, chunks: readonly Buffer[]): Promise<boolean> {
  let sliceStart = performance.now();
  for (const chunk of chunks) {
    if (stream.destroyed) return false;
    if (!stream.write(chunk) && !(await drained(stream))) return false;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return true;
}

/** Gzips `chunks` off the event loop (zlib's thread pool), feeding them in slices. */
export function gzipChunks(chunks: readonly Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip();
    const output: Buffer[] = [];
    gzip.on('data', (data: Buffer) => output.push(data));
    gzip.once('end', () => resolve(Buffer.concat(output)));
    gzip.once('error', reject);
    writeChunks(gzip, chunks).then(
      (complete) => (complete ? gzip.end() : reject(new Error('gzip stream closed early'))),
      reject,
    );
  });
}
