/**
 * Help requests and the support queue on the wire (over the signaling WebSocket).
 * Every server message here must stay under MAX_MESSAGE_BYTES (64 kB), hence the bounds:
 * previews in the queue list, the full request only on demand, a capped diagnostics snapshot.
 */
import * as z from 'zod';
import { diagnosticsReportSchema } from './diagnostics';
import { freeText, opaqueTokenSchema, organisationNameSchema, organisationSlugSchema, personNameSchema, verifiedIdentitySchema } from './names';
import { MAIL_LIMITS, mailInfoSchema } from './mail';
import { DIAGNOSTICS_SNAPSHOT_MAX_BYTES, diagnosticsSummarySchema } from './queue-diagnostics';
import { requestCategorySchema } from './request-category';
import { intakeProblem, intakeSchema } from './intake';
import { waitLevelSchema, waitTargetsSchema } from './wait-targets';

export { REQUEST_CATEGORIES, requestCategorySchema, type RequestCategory } from './request-category';

export const REQUEST_LIMITS = {
  description: 2000,
  detailText: 500,
  /** Additions per request ("add details"). */
  details: 5,
  /** UTF-8 bytes of the serialised snapshot; see compactDiagnostics in queue-diagnostics.ts. */
  diagnosticsBytes: DIAGNOSTICS_SNAPSHOT_MAX_BYTES,
  descriptionPreview: 280,
  note: 1000,
  /** Items per queue.snapshot; `total` says how many there are. */
  snapshotItems: 50,
  /** Requests one queue.dismiss names (each may bring its whole network along with sameNetwork). */
  dismissBatch: 100,
} as const;

/**
 * 'expired': it waited too long, or the person's app went away and did not come back in time
 * (server/queue/queue-expiry.ts). 'dismissed': consultants dismissed it as abuse (queue.dismiss).
 */
export const requestStateSchema = z.enum(['waiting', 'claimed', 'closed', 'cancelled', 'expired', 'dismissed']);
export type RequestState = z.infer<typeof requestStateSchema>;
export const outcomeSchema = z.enum(['resolved', 'unresolved', 'referred', 'no-show', 'duplicate']);
export type Outcome = z.infer<typeof outcomeSchema>;
export const requestIdSchema = z.uuid();

export const diagnosticsSnapshotSchema = diagnosticsReportSchema.refine(
  (report) => new TextEncoder().encode(JSON.stringify(report)).length <= REQUEST_LIMITS.diagnosticsBytes,
  `the diagnostics snapshot must serialise to at most ${REQUEST_LIMITS.diagnosticsBytes} bytes`,
);

export const networkGroupSchema = z.string().regex(/^[0-9A-F]{6}$/);

const consultantRefSchema = z.strictObject({ id: z.number().int().positive(), name: personNameSchema });
const timestamp = z.number().int().nonnegative();

/** One line of the consultants' queue list. */
export const queueItemSchema = z.strictObject({
  id: requestIdSchema,
  category: requestCategorySchema,
  descriptionPreview: z.string().max(REQUEST_LIMITS.descriptionPreview + 1),
  contactName: personNameSchema,
  state: z.enum(['waiting', 'claimed']),
  createdAt: timestamp,
  waitingMs: timestamp,
  claimedBy: consultantRefSchema.nullable(),
  /** Set after a hand-off: only this consultant may claim it. */
  assignedTo: consultantRefSchema.nullable(),
  /** Whether the user's app is connected and watching the request right now. */
  userOnline: z.boolean(),
  detailsCount: z.number().int().min(0).max(REQUEST_LIMITS.details),
  diagnostics: diagnosticsSummarySchema.nullable(),
  /**
   * An opaque label shared by the organisation's requests from one network (/24, /48): lets
   * consultants see and dismiss a flood together without ever seeing an address.
   */
  networkGroup: networkGroupSchema,
  /** The organisation's target wait for this category (wait-targets.ts): the console marks requests near or past it. */
  targetMs: z.number().int().positive(),
  /** Present for requests that came from the support mailbox (answers go out by e-mail). */
  channel: z.literal('email').optional(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/** The full request, for one consultant on demand. */
export const requestDetailSchema = queueItemSchema.omit({ descriptionPreview: true, diagnostics: true }).extend({
  description: z.string().max(REQUEST_LIMITS.description),
  details: z.array(z.strictObject({ text: z.string().max(REQUEST_LIMITS.detailText), at: timestamp })).max(REQUEST_LIMITS.details),
  diagnostics: diagnosticsReportSchema.nullable(),
  /** The guided intake's answers (null: a request sent without it). */
  intake: intakeSchema.nullable(),
  /** E-mail requests only: the address, the thread and the attachments' names. */
  mail: mailInfoSchema.optional(),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const queueClientMessages = [
  // The user's side: no account needed.
  z
    .strictObject({
      type: z.literal('request.submit'),
      organisation: organisationSlugSchema,
      category: requestCategorySchema,
      /** Optional with a guided intake that has answers: then the answers say what is wrong. */
      description: freeText(REQUEST_LIMITS.description).optional(),
      contactName: personNameSchema,
      diagnostics: diagnosticsSnapshotSchema.optional(),
      intake: intakeSchema.optional(),
    })
    .superRefine((m, ctx) => {
      const problem = m.intake && intakeProblem(m.category, m.intake);
      if (problem) ctx.addIssue({ code: 'custom', path: ['intake'], message: problem });
      if (m.description === undefined && (m.intake?.answers.length ?? 0) === 0) ctx.addIssue({ code: 'custom', path: ['description'], message: 'describe the problem or answer the questions' });
    }),
  /** (Re)attaches this socket to a request, e.g. after a reconnect or a server restart. */
  z.strictObject({ type: z.literal('request.watch'), requestId: requestIdSchema, resumeToken: opaqueTokenSchema }),
  z.strictObject({ type: z.literal('request.add-details'), text: freeText(REQUEST_LIMITS.detailText) }),
  z.strictObject({ type: z.literal('request.cancel') }),
  // The consultants' side: an authenticated socket, own organisation only.
  z.strictObject({ type: z.literal('queue.subscribe') }),
  z.strictObject({ type: z.literal('queue.unsubscribe') }),
  z.strictObject({ type: z.literal('queue.detail'), requestId: requestIdSchema }),
  z.strictObject({ type: z.literal('queue.colleagues') }),
  z.strictObject({ type: z.literal('queue.targets') }),
  /** Admins only: the organisation's target wait per category. */
  z.strictObject({ type: z.literal('queue.set-targets'), targets: waitTargetsSchema }),
  z.strictObject({ type: z.literal('queue.claim'), requestId: requestIdSchema }),
  z.strictObject({ type: z.literal('queue.handoff'), requestId: requestIdSchema, consultantId: z.number().int().positive() }),
  z.strictObject({ type: z.literal('queue.close'), requestId: requestIdSchema, outcome: outcomeSchema, note: freeText(REQUEST_LIMITS.note).optional() }),
  /** Answers an e-mail request by e-mail, in its thread. */
  z.strictObject({ type: z.literal('queue.mail-reply'), requestId: requestIdSchema, text: freeText(MAIL_LIMITS.replyText) }),
  /** Claims an e-mail request and mails the person a fresh session code and the link that opens it. */
  z.strictObject({ type: z.literal('queue.mail-invite'), requestId: requestIdSchema }),
  /**
   * Dismisses waiting requests of the own organisation as abuse (each audited). sameNetwork:
   * also every waiting request from the network of each one named.
   */
  z.strictObject({
    type: z.literal('queue.dismiss'),
    requestIds: z.array(requestIdSchema).min(1).max(REQUEST_LIMITS.dismissBatch),
    sameNetwork: z.boolean().optional(),
    reason: z.literal('abuse'),
  }),
] as const;

export const queueServerMessages = [
  /** Keep resumeToken (e.g. in memory or settings) to send request.watch after a reconnect. */
  z.strictObject({ type: z.literal('request.submitted'), requestId: requestIdSchema, resumeToken: opaqueTokenSchema, organisation: organisationNameSchema }),
  /** request.watch worked: this socket follows the request (sent before its status). */
  z.strictObject({ type: z.literal('request.watching'), requestId: requestIdSchema, organisation: organisationNameSchema }),
  z.strictObject({
    type: z.literal('request.status'),
    requestId: requestIdSchema,
    state: requestStateSchema,
    /** 1-based place among waiting requests; null unless waiting. */
    position: z.number().int().positive().nullable(),
    /** null when waiting but there is no recent handling history to estimate from, or not waiting. */
    estimatedWaitMs: z.number().int().nonnegative().nullable(),
    detailsCount: z.number().int().min(0).max(REQUEST_LIMITS.details),
    outcome: outcomeSchema.nullable(),
    /** True when a consultant handed the request to a colleague and it waits for them. */
    handedOff: z.boolean(),
    /** True when it waits longer than the organisation's target for it: the person is told so, honestly. */
    pastTarget: z.boolean(),
  }),
  /** A consultant took the request: join with this code (the usual session.join, then consent). */
  z.strictObject({ type: z.literal('request.claimed'), requestId: requestIdSchema, code: z.string().regex(/^\d{9}$/), expiresAt: timestamp, verified: verifiedIdentitySchema }),
  z.strictObject({ type: z.literal('queue.snapshot'), items: z.array(queueItemSchema).max(REQUEST_LIMITS.snapshotItems), total: z.number().int().nonnegative(), at: timestamp }),
  z.strictObject({ type: z.literal('queue.request'), request: requestDetailSchema }),
  z.strictObject({ type: z.literal('queue.claimed'), requestId: requestIdSchema }),
  /** The reply or invitation is in the outbox (it leaves as soon as the mail server takes it). */
  z.strictObject({ type: z.literal('queue.mail-queued'), requestId: requestIdSchema, kind: z.enum(['reply', 'invite']) }),
  /** How many waiting requests a queue.dismiss ended (those no longer waiting are left alone). */
  z.strictObject({ type: z.literal('queue.dismissed'), count: z.number().int().nonnegative() }),
  /**
   * To the organisation's signed-in admins watching the queue: a user ended a session with
   * "report a suspicious contact" (the whole story is in the audit trail under `sessionId`).
   */
  z.strictObject({ type: z.literal('queue.alert'), kind: z.literal('contact-reported'), at: timestamp, consultantName: personNameSchema, sessionId: z.uuid() }),
  /** To the organisation's consultants watching the queue: a waiting request reached 80 % of its target wait, or passed it (once each). */
  z.strictObject({
    type: z.literal('queue.wait-alert'),
    requestId: requestIdSchema,
    level: waitLevelSchema.exclude(['on-time']),
    contactName: personNameSchema,
    category: requestCategorySchema,
    targetMs: z.number().int().positive(),
    at: timestamp,
  }),
  z.strictObject({ type: z.literal('queue.targets'), targets: waitTargetsSchema }),
  z.strictObject({
    type: z.literal('queue.colleagues'),
    consultants: z.array(z.strictObject({ id: z.number().int().positive(), name: personNameSchema, role: z.enum(['consultant', 'admin']), online: z.boolean() })).max(500),
  }),
] as const;
