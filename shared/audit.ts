/**
 * The audit trail: event types, what the apps may report about a session they are in, and
 * the admins' query. The trail is append-only on the server (no update or delete path, and a
 * database trigger refusing both).
 */
import * as z from 'zod';
import { repairIdSchema, repairStatusSchema } from './diagnostics';
import { requestRefSchema } from './names';
import { recordingAuditMessageSchema, recordingEndSchema, recordingRefusalSchema } from './recording';

export const AUDIT_TYPES = [
  'session.created',
  'session.joined',
  'session.ended',
  /** A member took its place again (after a lost connection, a server restart or a reboot); `reregistered`: the server had forgotten it. */
  'session.resumed',
  /** A forged, replayed, expired resume secret, or one for a session that ended. */
  'session.resume-refused',
  /** The user's app announced a restart of the computer (an approved repair). */
  'session.away',
  'consent.given',
  'consent.revoked',
  'control.started',
  'control.ended',
  'repair.run',
  'file.sent',
  'login.succeeded',
  'login.failed',
  'logout',
  'totp.enabled',
  /** By an operator on the server host (admin CLI), for a consultant who lost their authenticator. */
  'totp.reset',
  /** By an operator (admin CLI `unlock`): the account's sign-in delays start again from zero. */
  'account.unlocked',
  'request.submitted',
  'request.cancelled',
  'request.claimed',
  'request.handed-off',
  'request.closed',
  /** Ended by the server: waited past the maximum age, or the person's app left and did not come back (detail.reason). */
  'request.expired',
  /** Dismissed by a consultant (detail.reason: 'abuse'). */
  'request.dismissed',
  /** An admin changed the organisation's target waits (detail: the targets in minutes). */
  'queue.targets-changed',
  'organisation.created',
  'account.created',
  /** The user ended a session with "report a suspicious contact". */
  'contact.reported',
  /** The person answered an e-mail request's thread by e-mail. */
  'mail.received',
  /** A consultant's reply or live-session invitation went into the outbox (detail.kind). */
  'mail.sent',
  /** An incoming message that never becomes a request: an automatic reply, a bounce, bulk (detail.reason). */
  'mail.ignored',
  /** An incoming message moved aside unprocessed: too large, malformed, a flood (detail.reason). */
  'mail.kept-aside',
  /** Recording (issue 18): the user said no, or the policy forbids it (detail.reason). The yes is `consent.given` with scope 'recording'. */
  'recording.refused',
  'recording.started',
  /** detail.by: consultant, user, session-ended or failed. */
  'recording.stopped',
  /** What the consultant's app did with a stored recording afterwards (message `recording.audit`). */
  'recording.played',
  'recording.exported',
  /** detail.reason: consultant, or retention (the organisation's retention rule). */
  'recording.deleted',
] as const;
export const auditTypeSchema = z.enum(AUDIT_TYPES);
export type AuditType = z.infer<typeof auditTypeSchema>;

export const auditActorSchema = z.enum(['user', 'consultant', 'server', 'admin-cli']);
export type AuditActor = z.infer<typeof auditActorSchema>;

/** Events an app reports about the session it is in (message `audit.report`). */
export const appAuditEventSchema = z.discriminatedUnion('type', [
  /** Only the user's app may report consent: it is the user's decision. */
  z.strictObject({ type: z.literal('consent.given'), scope: z.enum(['view', 'control', 'recording']).optional() }),
  z.strictObject({ type: z.literal('consent.revoked'), scope: z.enum(['view', 'control', 'recording']).optional() }),
  /** Only the user's app reports a refusal, and only the consultant's app (the recorder) a start or a stop. */
  z.strictObject({ type: z.literal('recording.refused'), reason: recordingRefusalSchema }),
  z.strictObject({ type: z.literal('recording.started'), recordingId: z.uuid() }),
  z.strictObject({
    type: z.literal('recording.stopped'),
    recordingId: z.uuid(),
    by: recordingEndSchema,
    durationMs: z.number().int().nonnegative().max(7 * 24 * 3600 * 1000),
    bytes: z.number().int().nonnegative().max(2 ** 40),
  }),
  z.strictObject({ type: z.literal('control.started') }),
  z.strictObject({ type: z.literal('control.ended'), durationMs: z.number().int().nonnegative().max(7 * 24 * 3600 * 1000).optional() }),
  z.strictObject({ type: z.literal('repair.run'), repairId: repairIdSchema, status: repairStatusSchema }),
  z.strictObject({
    type: z.literal('file.sent'),
    name: z.string().min(1).max(255).regex(/^[^\p{Cc}\p{Cf}/\\]+$/u),
    bytes: z.number().int().nonnegative().max(2 ** 40),
  }),
]);
export type AppAuditEvent = z.infer<typeof appAuditEventSchema>;

export const AUDIT_QUERY_MAX = 1000;
export const AUDIT_EXPORT_MAX = 50_000;

const timestamp = z.number().int().nonnegative().max(2 ** 53 - 1);

/** What an admin filters the trail by (all optional; times in ms since the epoch). `before`: entries older than this id, for paging. */
export const auditFilterSchema = z.strictObject({
  from: timestamp.optional(),
  to: timestamp.optional(),
  session: z.uuid().optional(),
  consultant: z.number().int().positive().max(2 ** 53 - 1).optional(),
  type: auditTypeSchema.optional(),
  before: z.number().int().positive().max(2 ** 53 - 1).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditQuery = AuditFilter & { limit?: number };

const intParam = z.string().regex(/^\d{1,16}$/).transform(Number);

/** GET /api/audit and /api/audit.csv query string: the same filter, as text, plus a limit. */
export const auditQuerySchema = z
  .strictObject({
    from: intParam.optional(),
    to: intParam.optional(),
    session: z.string().optional(),
    consultant: intParam.optional(),
    type: z.string().optional(),
    before: intParam.optional(),
    limit: intParam.pipe(z.number().int().min(1).max(AUDIT_EXPORT_MAX)).optional(),
  })
  .transform(({ limit, ...filter }, ctx) => {
    const parsed = auditFilterSchema.safeParse(filter);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return limit === undefined ? parsed.data : { ...parsed.data, limit };
  });

export const auditEntrySchema = z.strictObject({
  id: z.number().int().positive(),
  at: z.number().int(),
  type: auditTypeSchema,
  actor: auditActorSchema,
  consultantId: z.number().int().nullable(),
  consultantName: z.string().nullable(),
  sessionId: z.string().nullable(),
  requestId: z.string().nullable(),
  address: z.string().nullable(),
  detail: z.record(z.string(), z.json()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * Entries per `audit.page`. Each answer must stay under MAX_MESSAGE_BYTES (64 kB): the server
 * also stops a page early when its entries grow large (long notes), and says `more`.
 */
export const AUDIT_PAGE_MAX = 100;

export const auditClientMessages = [
  z.strictObject({ type: z.literal('audit.report'), event: appAuditEventSchema }),
  /** Admins only, own organisation only: one page, newest first. */
  z.strictObject({ type: z.literal('audit.query'), filter: auditFilterSchema, ref: requestRefSchema.optional() }),
  /** A stored recording played, exported or deleted, after its session (consultant's app). */
  recordingAuditMessageSchema,
] as const;
export const auditServerMessages = [
  z.strictObject({ type: z.literal('audit.recorded'), eventType: auditTypeSchema }),
  /** `more`: older entries match too; ask again with `before` set to the last entry's id. */
  z.strictObject({ type: z.literal('audit.page'), entries: z.array(auditEntrySchema).max(AUDIT_PAGE_MAX), more: z.boolean(), ref: requestRefSchema.optional() }),
] as const;
