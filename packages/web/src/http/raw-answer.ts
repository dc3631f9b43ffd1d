import { securityHeaders } from './cors.js';

const SECURITY_HEADER_LINES = Object.entries(securityHeaders)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/**
 * A whole HTTP/1.1 answer in the protocol's error shape, written straight to a socket that
 * node:http does not (or no longer) drive: unparseable requests, refused connections. It
 * carries the security headers of every other answer and closes the connection.
 */
export function rawErrorAnswer(status: string, errorCode: string, message: string, extraHeaders = ''): string {
  const body = JSON.stringify({ responseStatus: { errorCode, message, status: 'fail' } });
  return `HTTP/1.1 ${status}\r\nConnection: close\r\n${extraHeaders}${SECURITY_HEADER_LINES}Content-Type: application/json;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
