import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque bearer tokens (login tokens, help-request resume tokens): 32 random bytes, base64url.
 * Only their SHA-256 is stored, so a leaked database does not let anyone act as a consultant or
 * a user. A plain (unsalted, fast) hash is enough here: the input has 256 bits of entropy.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
