/**
 * Reboot and reconnect: what the user's app keeps across a restart of the computer that a
 * repair asked for. The host stores it protected (Electron's safeStorage where available),
 * gives it back once (single use) and only before it expires; the resume secret inside it is
 * what the server checks, never the session code.
 */
import * as z from 'zod';
import { organisationNameSchema, organisationSlugSchema, personNameSchema } from './names';
import { serverUrlSchema } from './server-url';
import { resumeTokenSchema } from './signaling';

/** Default lifetime of a reconnect ticket; a managed policy may shorten or lengthen it (1–60 min). */
export const DEFAULT_RECONNECT_TICKET_MINUTES = 15;
export const MAX_RECONNECT_TICKET_MINUTES = 60;
/** Default time both apps keep trying to restore a lost connection before giving up (policy: 10–600 s). */
export const DEFAULT_RECONNECT_LIMIT_SECONDS = 60;

/** A few chat lines carried across the restart so the person sees the conversation again. */
export const ticketChatLineSchema = z.strictObject({
  from: z.enum(['me', 'peer']),
  text: z.string().min(1).max(2000),
  at: z.number(),
});

export const reconnectTicketSchema = z.strictObject({
  serverUrl: serverUrlSchema,
  sessionId: z.uuid(),
  /** The resume secret the server handed out last. */
  token: resumeTokenSchema,
  consultantName: personNameSchema,
  /** The consultant's organisation when the server verified it; null for an unverified helper. */
  organisation: organisationNameSchema.nullable(),
  /** Its slug, which a managed policy's allowedConsultantOrganizations lists (checked again after the restart). */
  organisationId: organisationSlugSchema.nullable().optional(),
  /** Epoch ms; the host refuses to give back a ticket past this instant (and caps it by policy). */
  expiresAt: z.number(),
  chat: z.array(ticketChatLineSchema).max(50),
});
export type ReconnectTicket = z.infer<typeof reconnectTicketSchema>;

/**
 * What `reconnect.takeTicket` answers. 'none': no ticket (a normal start); 'expired': there was
 * one, too old to use (deleted); 'unreadable': it could not be decrypted or did not validate (deleted).
 */
export type TakenTicket = { status: 'ready'; ticket: ReconnectTicket } | { status: 'none' | 'expired' | 'unreadable' };
