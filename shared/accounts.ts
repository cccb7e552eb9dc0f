/**
 * Consultant accounts on the wire: login, token resume, logout and TOTP enrolment, all over
 * the signaling WebSocket (the desktop app talks to the server cross-origin, where a socket
 * needs no CORS). Tokens travel in message bodies, never in URLs (URLs end up in logs).
 */
import * as z from 'zod';
import { opaqueTokenSchema, organisationNameSchema, organisationSlugSchema, personNameSchema, requestRefSchema } from './names';

export const roleSchema = z.enum(['consultant', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(254)
  .regex(/^[^\s@\p{Cc}\p{Cf}]+@[^\s@\p{Cc}\p{Cf}]+$/u);

/** Any length is accepted at login (bounded); the creation policy is NEW_PASSWORD_MIN_LENGTH. */
export const passwordSchema = z.string().min(1).max(1024);
export const NEW_PASSWORD_MIN_LENGTH = 12;

export const totpCodeSchema = z.string().regex(/^\d{6}$/);

export const consultantViewSchema = z.strictObject({
  id: z.number().int().positive(),
  name: personNameSchema,
  email: emailSchema,
  role: roleSchema,
  organisation: z.strictObject({ slug: organisationSlugSchema, name: organisationNameSchema }),
  totpEnabled: z.boolean(),
});
export type ConsultantView = z.infer<typeof consultantViewSchema>;

export const accountClientMessages = [
  z.strictObject({ type: z.literal('auth.login'), email: emailSchema, password: passwordSchema, totp: totpCodeSchema.optional() }),
  /** Re-authenticates a new socket with a token from an earlier login. */
  z.strictObject({ type: z.literal('auth.resume'), token: opaqueTokenSchema }),
  /** Revokes this socket's token everywhere. */
  z.strictObject({ type: z.literal('auth.logout') }),
  /**
   * Asks for a new key (pending until confirmed). The password is asked again: a stolen sign-in
   * token alone must not be able to put its own authenticator on the account.
   */
  z.strictObject({ type: z.literal('totp.enrol'), password: passwordSchema, ref: requestRefSchema.optional() }),
  z.strictObject({ type: z.literal('totp.confirm'), code: totpCodeSchema, ref: requestRefSchema.optional() }),
  /** Public: the organisations whose queues this server holds, for the "Ask for help" form. */
  z.strictObject({ type: z.literal('organisations.list'), ref: requestRefSchema.optional() }),
] as const;

/** Organisations per answer: enough for any help desk, and well under MAX_MESSAGE_BYTES. */
export const ORGANISATIONS_LIST_MAX = 100;
export const organisationChoiceSchema = z.strictObject({ slug: organisationSlugSchema, name: organisationNameSchema });
export type OrganisationChoice = z.infer<typeof organisationChoiceSchema>;

export const accountServerMessages = [
  /** `token` only in the answer to auth.login: keep it in memory or session storage, send it with auth.resume. */
  z.strictObject({
    type: z.literal('auth.ok'),
    consultant: consultantViewSchema,
    expiresAt: z.number(),
    token: opaqueTokenSchema.optional(),
    /** At a password sign-in: failed sign-ins to this account from other addresses since the last one (shown to the consultant). */
    failedElsewhere: z.number().int().positive().max(1_000_000).optional(),
  }),
  z.strictObject({ type: z.literal('auth.logged-out') }),
  /** Shown once as a QR code / text; TOTP is active only after totp.confirm with a valid code. */
  z.strictObject({ type: z.literal('totp.enrolment'), secret: z.string().regex(/^[A-Z2-7]{32}$/), uri: z.string().max(512), ref: requestRefSchema.optional() }),
  z.strictObject({ type: z.literal('totp.enabled'), ref: requestRefSchema.optional() }),
  /** Sorted by name; `total` above the list's length means the user types the short name instead. */
  z.strictObject({
    type: z.literal('organisations'),
    organisations: z.array(organisationChoiceSchema).max(ORGANISATIONS_LIST_MAX),
    total: z.number().int().nonnegative(),
    ref: requestRefSchema.optional(),
  }),
] as const;
