/**
 * The safety code both people compare aloud: derived from the two DTLS certificate
 * fingerprints each app sees on its own negotiated connection (never from SDP the signaling
 * server relayed). Someone in the middle terminates two connections with their own
 * certificates, so the two apps see different fingerprint pairs and the codes differ.
 *
 * Pure: WebCrypto only (globalThis.crypto.subtle exists in browsers and in Node 20).
 */
import * as z from 'zod';
import type { SafetyCodeForControl } from './policy';

/** Hash names as RTCCertificateStats.fingerprintAlgorithm gives them. */
export const fingerprintAlgorithmSchema = z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']);

/** One certificate as RTCCertificateStats reports it; validated because it comes from the WebRTC stack of an untrusted negotiation. */
export const certificateFingerprintSchema = z.strictObject({
  algorithm: z.string().trim().toLowerCase().pipe(fingerprintAlgorithmSchema),
  fingerprint: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-F]{2}(?::[0-9A-F]{2}){19,63}$/, 'must be colon-separated hex bytes (20 to 64 of them)'),
});
/** As the stats give it (any case); checked and normalised by the derivation. */
export type CertificateFingerprint = z.input<typeof certificateFingerprintSchema>;

export interface SafetyCodeInput {
  sessionId: string;
  local: CertificateFingerprint;
  remote: CertificateFingerprint;
}

/** Bumped if the derivation ever changes, so two versions never show the same code by chance of format. */
const DOMAIN = 'tandem-safety-code-v1';
const DIGITS = 6;

/** The same two certificates, whichever side this is: the two lines sorted. */
export function canonicalPair(a: CertificateFingerprint, b: CertificateFingerprint): string {
  const lines = [a, b].map((c) => {
    const parsed = certificateFingerprintSchema.parse(c);
    return `${parsed.algorithm} ${parsed.fingerprint}`;
  });
  return lines.sort().join('\n');
}

/** Six digits, "042917": SHA-256 over the domain, the session id and the sorted fingerprints. */
export async function deriveSafetyCode(input: SafetyCodeInput): Promise<string> {
  const sessionId = z.string().min(1).max(128).parse(input.sessionId);
  const text = `${DOMAIN}\n${sessionId}\n${canonicalPair(input.local, input.remote)}`;
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  // 48 bits modulo 10^6: the bias (under 10^-8) cannot help anyone guess a code.
  let value = 0;
  for (let i = 0; i < 6; i += 1) value = value * 256 + (digest[i] ?? 0);
  return String(value % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** "042917" → "042 917", as shown on screen. */
export function formatSafetyCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** "042917" → "0 4 2, 9 1 7": screen readers read each digit, one group at a time. */
export function spokenSafetyCode(code: string): string {
  return `${code.slice(0, 3).split('').join(' ')}, ${code.slice(3).split('').join(' ')}`;
}

/** Whether the policy asks for a confirmed code before control is offered, for this helper. */
export function controlNeedsSafetyCode(policy: SafetyCodeForControl, helperVerified: boolean): boolean {
  return policy === 'always' || (policy === 'unverified-consultants' && !helperVerified);
}
