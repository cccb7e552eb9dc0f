/** Name schemas shared by the signaling, account and queue contracts (kept apart to avoid import cycles). */
import * as z from 'zod';

/** No control or format characters: names are shown to a possibly anxious user as-is. */
const printable = /^[^\p{Cc}\p{Cf}]+$/u;

export const personNameSchema = z.string().trim().min(1).max(60).regex(printable);

export const organisationNameSchema = z.string().trim().min(1).max(100).regex(printable);

/** URL-safe organisation identifier users put in their settings ("acme-it"). */
export const organisationSlugSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/);

/** Who a session was created by, as the server's account database knows them. */
export const verifiedIdentitySchema = z.strictObject({
  name: personNameSchema,
  organisation: organisationNameSchema,
  /** What a managed policy's allowedConsultantOrganizations lists. */
  organisationId: organisationSlugSchema.optional(),
});
export type VerifiedIdentity = z.infer<typeof verifiedIdentitySchema>;

/** 32 random bytes, base64url without padding: login tokens and request resume tokens. */
export const opaqueTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** Free text shown to the other side (descriptions, notes): printable plus newlines and tabs. */
export const freeText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^(?:[^\p{Cc}\p{Cf}]|[\n\t])*$/u, 'no control characters');

/**
 * Chosen by the client on a question it wants matched to its answer (two-step setup, audit
 * pages, the organisation list); the server copies it into the answer or the error. Answers
 * to abandoned questions then cannot be mistaken for the answer to a later one.
 */
export const requestRefSchema = z.number().int().min(1).max(2 ** 31 - 1);
export type RequestRef = z.infer<typeof requestRefSchema>;

/** The `ref` to copy into an answer: none when the question had none. */
export function echoRef(question: { ref?: RequestRef | undefined }): { ref?: RequestRef } {
  return question.ref === undefined ? {} : { ref: question.ref };
}
