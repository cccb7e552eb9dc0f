import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Role, VerifiedConsultant } from './types';

/**
 * Resume secrets: what lets a member take its place in a session again after its socket, or
 * the whole server, went away. Each is sealed with AES-256-GCM under the server's resume key,
 * so it is self-authenticating: a server that restarted and forgot every session can still
 * tell a genuine secret from a forged one and re-register the session from it, and the
 * session's facts inside (the verified consultant, the help request) cannot be read or
 * changed by the app that holds it. Single use is enforced by the session record's nonce
 * (rotated on each resume); the expiry bounds what a stolen secret is worth.
 */
export interface ResumeClaims {
  sessionId: string;
  role: Role;
  nonce: string;
  expiresAt: number;
  consultantName: string;
  verified: VerifiedConsultant | null;
  requestId: string | null;
}

const claimsSchema = z.strictObject({
  sessionId: z.uuid(),
  role: z.enum(['consultant', 'user']),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  expiresAt: z.number().int(),
  consultantName: z.string().min(1).max(60),
  verified: z
    .strictObject({ id: z.number().int(), orgId: z.number().int(), name: z.string().max(60), organisation: z.string().max(100), organisationId: z.string().max(64) })
    .nullable(),
  requestId: z.string().max(64).nullable(),
});

/** An expired secret is still authentic: its claims say whose it was (for the audit trail). */
export type OpenedToken = { ok: true; claims: ResumeClaims } | { ok: false; reason: 'forged'; claims?: undefined } | { ok: false; reason: 'expired'; claims: ResumeClaims };

export interface ResumeSealer {
  seal(claims: ResumeClaims): string;
  open(token: string, now: number): OpenedToken;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** At least this much key material; shorter secrets from the environment are refused at start. */
export const MIN_RESUME_SECRET_BYTES = 32;

export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function createResumeSealer(secret: Uint8Array): ResumeSealer {
  if (secret.byteLength < MIN_RESUME_SECRET_BYTES) throw new Error(`the resume key needs at least ${MIN_RESUME_SECRET_BYTES} bytes`);
  // A key of its own for this purpose, whatever else the secret is used for.
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'tandem session resume v1', 32));
  return {
    seal(claims) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(VERSION));
      const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    open(token, now) {
      const [version, sealed, ...rest] = token.split('.');
      if (version !== VERSION || sealed === undefined || rest.length > 0) return { ok: false, reason: 'forged' };
      const bytes = Buffer.from(sealed, 'base64url');
      if (bytes.length <= IV_BYTES + TAG_BYTES) return { ok: false, reason: 'forged' };
      let plain: string;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(VERSION));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return { ok: false, reason: 'forged' };
      }
      let parsed: ReturnType<typeof claimsSchema.safeParse>;
      try {
        parsed = claimsSchema.safeParse(JSON.parse(plain));
      } catch {
        return { ok: false, reason: 'forged' };
      }
      // Authentic but malformed can only mean another version's key reuse: refuse like a forgery.
      if (!parsed.success) return { ok: false, reason: 'forged' };
      if (now >= parsed.data.expiresAt) return { ok: false, reason: 'expired', claims: parsed.data };
      return { ok: true, claims: parsed.data };
    },
  };
}
