import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { constantTimeEqual } from './token-secret.js';

/** scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and tens of milliseconds, on the libuv pool). */
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEMORY };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

/**
 * Hashes a password with scrypt off the event loop, as
 * `scrypt$N$r$p$<salt base64url>$<key base64url>`, so the cost can be raised later.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** A hash of a random password: verifying against it costs as much as against a real one. */
let decoy: Promise<string> | null = null;

/**
 * True when `password` matches `stored`. With `stored` null (no such user) a decoy hash is
 * checked instead, so an unknown user name takes as long as a wrong password.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  const target = stored ?? (await decoy);
  const parts = target.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(params.N) || params.N > 1 << 20 || !Number.isInteger(params.r) || !Number.isInteger(params.p)) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params);
  return constantTimeEqual(actual.toString('base64url'), key) && stored !== null;
}
