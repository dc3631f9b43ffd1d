import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Headers a signed replication request carries. */
export const SignatureHeaders = {
  node: 'x-artemis-node',
  timestamp: 'x-artemis-timestamp',
  signature: 'x-artemis-signature',
} as const;

/** A request older or newer than this (clock skew included) is refused. */
export const MAX_SIGNATURE_SKEW_MS = 30_000;

function payload(method: string, path: string, timestamp: string, body: Uint8Array | string): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${createHash('sha256').update(body).digest('hex')}`;
}

/** The HMAC-SHA256 (hex) of a request: method, path, timestamp and body digest. */
export function signRequest(secret: string, method: string, path: string, timestamp: number, body: Uint8Array | string): string {
  return createHmac('sha256', secret).update(payload(method, path, String(timestamp), body)).digest('hex');
}

/**
 * Checks a signed request. Null when it is valid; otherwise why not, for the `no-permission`
 * answer (the reason never reveals anything about the secret).
 */
export function verifyRequest(
  secret: string,
  method: string,
  path: string,
  headers: { readonly timestamp: string | undefined; readonly signature: string | undefined },
  body: Uint8Array | string,
  now: number,
): string | null {
  if (headers.timestamp === undefined || headers.signature === undefined) return 'replication requests must be signed with the cluster secret';
  const timestamp = Number(headers.timestamp);
  if (!Number.isSafeInteger(timestamp)) return 'the replication timestamp is not a number';
  if (Math.abs(now - timestamp) > MAX_SIGNATURE_SKEW_MS) return `the replication timestamp is more than ${MAX_SIGNATURE_SKEW_MS} ms away from this node's clock`;
  const expected = Buffer.from(createHmac('sha256', secret).update(payload(method, path, headers.timestamp, body)).digest('hex'));
  const given = Buffer.from(headers.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'the replication signature does not match the cluster secret';
  return null;
}
