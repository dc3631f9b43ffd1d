import type { Duplex } from 'node:stream';
import { rawErrorAnswer } from './raw-answer.js';

/** How node:http's parser errors are answered: the status node:http would give, with our words. */
function answerOf(code: string | undefined): { status: string; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: '431 Request Header Fields Too Large', message: 'request headers are larger than the limit (16 KiB in all)' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: '413 Payload Too Large', message: 'chunk extensions are larger than the limit' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: '408 Request Timeout', message: 'the request was not received in time' };
    default:
      return { status: '400 Bad Request', message: `malformed HTTP request${code === undefined ? '' : ` (${code})`}` };
  }
}

/**
 * Answers a request node:http could not parse (headers too large, malformed, too slow) in the
 * protocol's error shape instead of node's bare status line, then closes the connection.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, message } = answerOf(error.code);
  socket.end(rawErrorAnswer(status, 'bad-request', message));
}
