import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every secret this node issues starts with this, so scanners and people recognise it. */
export const TOKEN_PREFIX = 'art_';

/** A new bearer secret: `art_` and 32 random bytes in base64url (256 bits). */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored of a secret: its SHA-256 in hex. A 256-bit random secret needs no salt or stretching. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True when `secret` has the shape of one this node issues (cheap refusal before any lookup). */
export function looksLikeTokenSecret(secret: string): boolean {
  return secret.startsWith(TOKEN_PREFIX) && secret.length >= TOKEN_PREFIX.length + 16 && secret.length <= 256;
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Compare anyway so a length mismatch costs about as long as a content mismatch.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** A new token id: 16 random bytes in hex (public, shown in lists). */
export function newTokenId(): string {
  return randomBytes(16).toString('hex');
}
