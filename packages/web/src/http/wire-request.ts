import type { IncomingHttpHeaders } from 'node:http';

/** A request head the fast lane serves itself. */
export interface WireRequest {
  readonly method: 'GET' | 'POST';
  /** The request target as sent: path and query. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  /** Bytes of the head, through the blank line. */
  readonly headLength: number;
  /** Bytes of the body that follows (0 without `Content-Length`). */
  readonly bodyLength: number;
  /** The client asked to close the connection after this answer. */
  readonly close: boolean;
}

/** The head is not all here yet. */
export const INCOMPLETE = 0;
/** A request the lane leaves to `node:http`: anything not plainly simple, valid or not. */
export const NOT_SIMPLE = 1;

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
/** A header name: an RFC 9110 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A field value may hold visible ASCII, spaces, tabs and obs-text: no other control character (CR, LF, NUL...). */
function hasControl(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}
/** A request target of visible ASCII only (no spaces or controls), starting with a slash. */
const TARGET = /^\/[!-~]*$/;
/** Headers the lane leaves to `node:http`: bodies it does not read itself, protocol switches, browsers. */
const LEFT_TO_NODE = new Set(['transfer-encoding', 'upgrade', 'expect', 'origin', 'http2-settings']);
/** Headers node:http keeps once (a second one is dropped); a request repeating them is left to it. */
const SINGLE = new Set(['content-length', 'content-type', 'host', 'authorization', 'content-encoding', 'x-request-id', 'traceparent']);

/**
 * Reads one request head from the start of `bytes`: the request when it is a plain HTTP/1.1
 * GET or POST whose body, if any, has a `Content-Length`; {@link INCOMPLETE} while the blank
 * line has not arrived; {@link NOT_SIMPLE} for everything else (HTTP/1.0, chunked or compressed
 * bodies, upgrades, `Expect`, browser requests with `Origin`, obsolete line folding, anything
 * malformed), which node:http then reads from the same bytes, with its own answers and errors.
 * Being strict costs nothing: whatever this parser refuses is still served.
 */
export function readWireRequest(bytes: Buffer, maxHeadBytes: number): WireRequest | typeof INCOMPLETE | typeof NOT_SIMPLE {
  const end = bytes.indexOf(HEAD_END);
  if (end < 0) return bytes.length > maxHeadBytes ? NOT_SIMPLE : INCOMPLETE;
  if (end + 4 > maxHeadBytes) return NOT_SIMPLE;
  const head = bytes.toString('latin1', 0, end);
  const lineEnd = head.indexOf('\r\n');
  const requestLine = lineEnd < 0 ? head : head.slice(0, lineEnd);
  const firstSpace = requestLine.indexOf(' ');
  const lastSpace = requestLine.lastIndexOf(' ');
  if (firstSpace < 0 || lastSpace === firstSpace || requestLine.slice(lastSpace + 1) !== 'HTTP/1.1') return NOT_SIMPLE;
  const method = requestLine.slice(0, firstSpace);
  if (method !== 'GET' && method !== 'POST') return NOT_SIMPLE;
  const target = requestLine.slice(firstSpace + 1, lastSpace);
  if (!TARGET.test(target)) return NOT_SIMPLE;
  const headers: IncomingHttpHeaders = {};
  let close = false;
  let start = lineEnd < 0 ? head.length : lineEnd + 2;
  while (start < head.length) {
    let stop = head.indexOf('\r\n', start);
    if (stop < 0) stop = head.length;
    const colon = head.indexOf(':', start);
    if (colon < 0 || colon >= stop) return NOT_SIMPLE;
    const name = head.slice(start, colon).toLowerCase();
    if (!TOKEN.test(name) || LEFT_TO_NODE.has(name)) return NOT_SIMPLE;
    const value = head.slice(colon + 1, stop).trim();
    if (hasControl(value)) return NOT_SIMPLE;
    const earlier = headers[name];
    if (earlier !== undefined) {
      if (SINGLE.has(name) || typeof earlier !== 'string') return NOT_SIMPLE;
      headers[name] = `${earlier}, ${value}`;
    } else if (name === 'set-cookie') {
      return NOT_SIMPLE;
    } else {
      headers[name] = value;
    }
    start = stop + 2;
  }
  if (headers.host === undefined) return NOT_SIMPLE;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return NOT_SIMPLE;
  const connection = headers.connection;
  if (connection !== undefined) {
    for (const option of connection.toLowerCase().split(',')) {
      const token = option.trim();
      if (token === 'close') close = true;
      else if (token === 'upgrade' || token === 'http2-settings') return NOT_SIMPLE;
    }
  }
  const declared = headers['content-length'];
  let bodyLength = 0;
  if (declared !== undefined) {
    if (!/^\d{1,15}$/.test(declared)) return NOT_SIMPLE;
    bodyLength = Number(declared);
  }
  return { method, target, headers, headLength: end + 4, bodyLength, close };
}
