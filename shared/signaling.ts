/**
 * The signaling wire protocol between the apps and the server, as zod schemas.
 * Both ends parse every message with these: the server because clients are untrusted,
 * the apps because the relayed half of every message comes from the other peer.
 */
import * as z from 'zod';
import { accountClientMessages, accountServerMessages } from './accounts';
import { auditClientMessages, auditServerMessages } from './audit';
import { personNameSchema, requestRefSchema, verifiedIdentitySchema } from './names';
import { queueClientMessages, queueServerMessages } from './queue';
import { CODE_DIGITS } from './session-code';

export const PROTOCOL_VERSION = 1;
/** Largest message either side accepts; an SDP offer with several tracks stays well below it. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const SESSION_CODE_TTL_MS = 10 * 60 * 1000;

const text = (max: number) => z.string().min(1).max(max);

// Defined in names.ts (shared with the account and queue contracts) and re-exported here.
export { personNameSchema };

export const sessionCodeSchema = z.string().regex(new RegExp(`^[0-9]{${CODE_DIGITS}}$`));

/** What simple-peer emits from its 'signal' event; anything else is refused. */
export const signalDataSchema = z.union([
  z.strictObject({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: z.string().max(48 * 1024) }),
  z.strictObject({
    type: z.literal('candidate'),
    candidate: z.strictObject({
      candidate: z.string().max(1024),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
      sdpMid: z.string().max(64).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    }),
  }),
  z.strictObject({ renegotiate: z.literal(true) }),
  z.strictObject({
    transceiverRequest: z.strictObject({
      kind: z.enum(['audio', 'video']),
      init: z.strictObject({ direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional() }).optional(),
    }),
  }),
]);
export type SignalData = z.infer<typeof signalDataSchema>;

/**
 * A session's resume secret, opaque to the apps: handed to each member at pairing and rotated
 * on every resume (single use), it lets a member take its place again after its socket or the
 * whole server went away. It is never the session code, and expires (see `session.resume-token`).
 */
export const resumeTokenSchema = z.string().min(32).max(1024).regex(/^[A-Za-z0-9._-]+$/);

/** Why a member's socket is gone: a lost connection, or the user's computer restarting during a repair. */
export const awayReasonSchema = z.enum(['network', 'restart']);
export type AwayReason = z.infer<typeof awayReasonSchema>;

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('session.create'), consultantName: personNameSchema }),
  z.strictObject({ type: z.literal('session.join'), code: sessionCodeSchema }),
  z.strictObject({ type: z.literal('session.decline') }),
  /** The user declines and reports the helper as suspicious: recorded in the audit trail for the helper's organisation. */
  /** `reason`: the person pressed "It does not match" on the safety code (someone may be in the middle). */
  z.strictObject({ type: z.literal('session.report-suspicious'), reason: z.literal('safety-code-mismatch').optional() }),
  z.strictObject({ type: z.literal('session.leave') }),
  z.strictObject({ type: z.literal('signal'), data: signalDataSchema }),
  /**
   * Takes this socket's place in a session again with the last resume secret received. Also
   * how both apps re-register a live session with a server that restarted and forgot it.
   */
  z.strictObject({ type: z.literal('session.resume'), token: resumeTokenSchema }),
  /**
   * The user's app is about to restart the computer (an approved repair): the server keeps the
   * session for up to `forMs` (capped by the server) instead of ending it when the socket goes.
   */
  z.strictObject({ type: z.literal('session.away'), reason: z.literal('restart'), forMs: z.number().int().min(1000).max(60 * 60 * 1000) }),
  /** A member of a paired session asks for fresh TURN credentials before its current ones lapse (answered by `session.ice`). */
  z.strictObject({ type: z.literal('session.ice-refresh') }),
  ...accountClientMessages,
  ...queueClientMessages,
  ...auditClientMessages,
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];

const CLIENT_MESSAGE_TYPES: ReadonlySet<string> = new Set(clientMessageSchema.options.map((option) => option.shape.type.value));
export const clientMessageTypeSchema = z.custom<ClientMessageType>((value) => typeof value === 'string' && CLIENT_MESSAGE_TYPES.has(value), 'unknown message type');

export const iceServerSchema = z.strictObject({
  urls: z.union([text(512), z.array(text(512)).min(1).max(8)]),
  username: z.string().max(512).optional(),
  credential: z.string().max(512).optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

export const rtcConfigSchema = z.strictObject({
  iceServers: z.array(iceServerSchema).max(8),
  iceTransportPolicy: z.enum(['all', 'relay']),
  /**
   * 'loopback' keeps only 127.0.0.0/8 and ::1 candidates. It exists for closed lab networks
   * (and our e2e machine), where trying any other address is wrong; deployments leave it 'any'.
   */
  candidateFilter: z.enum(['any', 'loopback']),
});
export type RtcConfig = z.infer<typeof rtcConfigSchema>;

/**
 * The TURN servers of one paired session, with their credentials. They are never in the hello
 * (any anonymous socket gets that): only the two members of a paired session receive them, at
 * pairing and on each resume (issue 15). `validForMs`: how long the credentials open new relay
 * allocations (relative, so a skewed clock does not matter); absent for static credentials.
 * Allocations already made keep working past it; new ones (an ICE restart) need fresh ones.
 */
export const sessionIceSchema = z.strictObject({
  iceServers: z.array(iceServerSchema).max(8),
  validForMs: z.number().int().min(0).optional(),
});
export type SessionIce = z.infer<typeof sessionIceSchema>;

/** Why a session ended, as the other side or the server saw it. 'code-revoked': too many wrong tries against the code. */
export const endReasonSchema = z.enum(['peer-left', 'peer-disconnected', 'declined', 'expired', 'code-revoked', 'safety-code-mismatch']);
export type EndReason = z.infer<typeof endReasonSchema>;

export const errorCodeSchema = z.enum([
  'invalid-message',
  'message-too-large',
  'rate-limited',
  'wrong-code',
  'expired-code',
  'used-code',
  'too-many-attempts',
  'not-in-session',
  'already-in-session',
  'internal',
  // Accounts and the queue (issue 6).
  /** The socket is not logged in, or its token expired or was revoked. */
  'unauthorized',
  /** Logged in, but this is not allowed for this account or in this state (e.g. consent reported by the consultant). */
  'forbidden',
  'invalid-credentials',
  /** Password accepted; send auth.login again with `totp`. */
  'totp-required',
  'invalid-totp',
  /** Too many password checks are running on the server: retry after retryAfterMs (not counted as a failure). */
  'busy',
  /** The server only accepts sessions from logged-in consultants (requireVerifiedConsultants). */
  'verification-required',
  'unknown-organisation',
  'not-found',
  /** Another consultant claimed this request first. */
  'already-claimed',
  /** The request is not in a state that allows this (e.g. closing a waiting request). */
  'invalid-state',
  'queue-full',
  /** Enough requests from the same address or network already wait in this queue. */
  'too-many-waiting',
  'limit-reached',
  /** A forged, replayed, expired or unknown resume secret (no detail on purpose: it is audited). */
  'resume-refused',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
  /** `rtc`: STUN servers and policy only; TURN credentials come with the pairing (sessionIceSchema). */
  z.strictObject({ type: z.literal('hello'), protocol: z.number().int(), rtc: rtcConfigSchema }),
  /** sessionId identifies the session in the audit trail. */
  z.strictObject({ type: z.literal('session.created'), code: sessionCodeSchema, expiresAt: z.number(), sessionId: z.uuid().optional() }),
  /**
   * `verified`: the consultant's name and organisation from the server's account database, or
   * null when the session was created without logging in (show "unverified" clearly).
   * consultantName equals verified.name for verified sessions. Optional only for older servers.
   */
  z.strictObject({ type: z.literal('session.joined'), consultantName: personNameSchema, verified: verifiedIdentitySchema.nullable().optional(), ice: sessionIceSchema.optional() }),
  /** `ice`: this session's TURN servers (absent when the server has none). */
  z.strictObject({ type: z.literal('peer.joined'), ice: sessionIceSchema.optional() }),
  /** Fresh TURN credentials for this session, the answer to `session.ice-refresh`. */
  z.strictObject({ type: z.literal('session.ice'), ice: sessionIceSchema }),
  /** The user's suspicious-contact report is recorded (sent just before the session ends). */
  z.strictObject({ type: z.literal('session.reported') }),
  z.strictObject({ type: z.literal('session.ended'), reason: endReasonSchema }),
  z.strictObject({ type: z.literal('signal'), data: signalDataSchema }),
  /**
   * This member's current resume secret, valid until `expiresAt`; every earlier one is void.
   * Sent to both members once paired, and again after each accepted `session.resume`.
   */
  z.strictObject({ type: z.literal('session.resume-token'), sessionId: z.uuid(), token: resumeTokenSchema, expiresAt: z.number() }),
  /** The resume was accepted: this socket holds its place again. `peerPresent`: the other member's socket is here too. */
  z.strictObject({ type: z.literal('session.resumed'), sessionId: z.uuid(), peerPresent: z.boolean(), ice: sessionIceSchema.optional() }),
  /**
   * The other member's socket went away without leaving; the server keeps its place until
   * `until` (epoch ms), then ends the session with peer-disconnected. Signals meanwhile are
   * queued (a few) and delivered if it comes back.
   */
  z.strictObject({ type: z.literal('peer.away'), reason: awayReasonSchema, until: z.number() }),
  /** The other member took its place again (after a network loss, a server restart or a reboot). */
  z.strictObject({ type: z.literal('peer.back') }),
  z.strictObject({
    type: z.literal('error'),
    code: errorCodeSchema,
    message: z.string().max(500),
    retryAfterMs: z.number().int().min(0).optional(),
    /** The type of the client message this error answers; absent when no single message caused it (a flood, an unparsable frame). */
    replyTo: clientMessageTypeSchema.optional(),
    /** The question's `ref`, when it had one. */
    ref: requestRefSchema.optional(),
  }),
  ...accountServerMessages,
  ...queueServerMessages,
  ...auditServerMessages,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: 'message-too-large' | 'invalid-message'; detail: string };

/** Parses one raw text frame: size first (cheap), then JSON, then the schema. */
export function parseWireMessage<T>(raw: string, schema: z.ZodType<T>): ParseResult<T> {
  // Length in UTF-16 units bounds the byte length from below; the byte check only runs near the limit.
  if (raw.length > MAX_MESSAGE_BYTES || (raw.length * 3 > MAX_MESSAGE_BYTES && byteLength(raw) > MAX_MESSAGE_BYTES)) {
    return { ok: false, error: 'message-too-large', detail: `over ${MAX_MESSAGE_BYTES} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'invalid-message', detail: 'not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: 'invalid-message', detail: z.prettifyError(parsed.error).slice(0, 300) };
  }
  return { ok: true, value: parsed.data };
}

function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}
