/**
 * Requests by e-mail as the queue console sees them, and the small formats that tie a mail
 * thread to its request: the token in the subject or address, and the tandem:// link to it.
 * Pure: no Node, no DOM.
 */
import * as z from 'zod';
import { opaqueTokenSchema } from './names';

export const MAIL_LIMITS = {
  /** A consultant's e-mail reply from the console. */
  replyText: 5000,
  /** Messages of the thread sent with one request's detail (the newest ones). */
  threadEntries: 12,
  /** Characters of each thread message sent to the console. */
  threadText: 1200,
  attachmentsListed: 20,
} as const;

export const mailThreadEntrySchema = z.strictObject({
  direction: z.enum(['in', 'out']),
  text: z.string().max(MAIL_LIMITS.threadText + 1),
  at: z.number().int().nonnegative(),
});
export type MailThreadEntry = z.infer<typeof mailThreadEntrySchema>;

export const mailAttachmentInfoSchema = z.strictObject({
  name: z.string().min(1).max(255),
  contentType: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
});

/** What a consultant sees of an e-mail request besides its description. */
export const mailInfoSchema = z.strictObject({
  address: z.email().max(320),
  thread: z.array(mailThreadEntrySchema).max(MAIL_LIMITS.threadEntries),
  attachments: z.array(mailAttachmentInfoSchema).max(MAIL_LIMITS.attachmentsListed),
});
export type MailInfo = z.infer<typeof mailInfoSchema>;

/**
 * The request's token, e.g. "K7WQ2M9D": Crockford base32 (no I, L, O, U), 8 characters (40 bits).
 * It only finds a thread again when a mail client dropped the In-Reply-To and References headers;
 * it grants nothing by itself (the sender must still be the request's address).
 */
const TOKEN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const MAIL_TOKEN_LENGTH = 8;
export const mailTokenSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/);

export function mailTokenFrom(bytes: Uint8Array): string {
  let token = '';
  for (let index = 0; index < MAIL_TOKEN_LENGTH; index += 1) token += TOKEN_ALPHABET[(bytes[index] ?? 0) % 32];
  return token;
}

/** "[#K7WQ2M9D]", appended to the subject of every mail of the thread. */
export const subjectTag = (token: string) => `[#${token}]`;

export function tokenInSubject(subject: string): string | null {
  const match = /\[#([0-9A-HJKMNP-TV-Z]{8})\]/i.exec(subject);
  return match?.[1]?.toUpperCase() ?? null;
}

/** "support+K7WQ2M9D@example.org" → "K7WQ2M9D" (plus-addressing). */
export function tokenInAddress(address: string): string | null {
  const match = /\+([0-9A-HJKMNP-TV-Z]{8})@/i.exec(address);
  return match?.[1]?.toUpperCase() ?? null;
}

/**
 * `tandem://request/<id>/<resume token>`: opens the app on that request (the token lets the app
 * watch it, exactly like the app that submitted it). Only this one form is accepted back.
 */
const REQUEST_LINK = /^tandem:\/\/request\/([0-9a-f-]{36})\/([A-Za-z0-9_-]{43})\/?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requestLink(requestId: string, resumeToken: string): string {
  return `tandem://request/${requestId}/${resumeToken}`;
}

export function parseRequestLink(link: string): { requestId: string; resumeToken: string } | null {
  if (link.length > 128) return null;
  const match = REQUEST_LINK.exec(link);
  const requestId = match?.[1]?.toLowerCase();
  const resumeToken = match?.[2];
  if (!requestId || !UUID.test(requestId) || !opaqueTokenSchema.safeParse(resumeToken).success || resumeToken === undefined) return null;
  return { requestId, resumeToken };
}
