import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh stream id or owner token: 16 random bytes (128 bits), base64url (22 URL-safe characters). */
export function randomKey(): string {
  return randomBytes(16).toString('base64url');
}

/** What a stream id looks like on the wire: 22 base64url characters. Anything else is not looked up. */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The SHA-256 of a token: the store keeps this, never the token, so a leaked store (or a shared one read by
 * another service) does not hand out access.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Whether `presented` is the token whose hash is `expectedHash`, in constant time (hashes have equal length). */
export function tokenMatches(presented: string | undefined, expectedHash: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(hashToken(presented));
  const b = Buffer.from(expectedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `authorization: Bearer <token>` header, or `undefined`. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
