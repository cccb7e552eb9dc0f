import { randomUUID } from 'node:crypto';
import type { Logger } from '../shared/log';
import type { ClientMessage, EndReason } from '../shared/signaling';
import type { AuditLog, NewAuditEntry } from './audit/audit-log';
import type { Connection } from './connection';
import { createKeyedSerializer } from './keyed-serializer';
import { createCode, redeemCode, type PairingDeps } from './pairing';
import { recordSessionReport } from './session-reports';

/**
 * The live side of sessions: which socket waits on which code and which two sockets are
 * paired. This stays in process (sockets cannot be shared); the codes themselves live in
 * the PairingStore. The server only ever relays between the two members of a pair.
 */
export interface VerifiedConsultant {
  id: number;
  orgId: number;
  name: string;
  organisation: string;
  /** The organisation's identifier, which managed policies list (allowedConsultantOrganizations). */
  organisationId: string;
}

export interface LiveSession {
  /** Names the session in the audit trail. */
  readonly id: string;
  readonly lookup: string;
  readonly consultant: Connection;
  readonly consultantName: string;
  /** Who created it, as the account database knows them; null when created without logging in. */
  readonly verified: VerifiedConsultant | null;
  readonly requestId: string | null;
  readonly expiresAt: number;
  user: Connection | undefined;
  reports: number;
}

export type SessionMessage = Extract<ClientMessage, { type: 'session.create' | 'session.join' | 'session.decline' | 'session.report-suspicious' | 'session.leave' | 'signal' | 'audit.report' }>;

export interface SessionHubDeps extends PairingDeps {
  log: Logger;
  /** How long an expired record is kept so that joins with it say `expired-code` rather than `wrong-code`. */
  expiredRetentionMs: number;
  audit: AuditLog;
  /** The logged-in consultant behind a socket, if any (re-checked on each call). */
  identify: (conn: Connection) => Promise<VerifiedConsultant | undefined>;
  /** Refuse session.create from sockets that are not logged in. */
  requireVerifiedConsultants: boolean;
  /** A user reported a verified consultant's session as suspicious (once it is in the audit trail and the session ended). */
  onContactReported?: (report: ContactReport) => Promise<void>;
}

export interface ContactReport {
  orgId: number;
  at: number;
  /** The reported consultant. */
  consultantId: number;
  consultantName: string;
  sessionId: string;
  requestId: string | null;
  /** The reporting user's address. */
  address: string;
}

export interface CreatedSession {
  sessionId: string;
  code: string;
  expiresAt: number;
}

export interface SessionHub {
  handle(conn: Connection, message: SessionMessage): Promise<void>;
  /** A session bound to a verified consultant for a claimed help request; its session.created is sent to `conn`. */
  createForRequest(conn: Connection, consultant: VerifiedConsultant, requestId: string): Promise<CreatedSession | undefined>;
  inSession(conn: Connection): boolean;
  /** Ends the live session of a help request (hand-off, cancel), telling both members. */
  endRequestSession(requestId: string, reason: EndReason): Promise<void>;
  disconnect(conn: Connection): Promise<void>;
  /** Ends waiting sessions whose code expired and purges old state; run periodically. */
  sweep(): Promise<void>;
  sessionCount(): number;
}

export function createSessionHub(deps: SessionHubDeps): SessionHub {
  const waiting = new Map<string, LiveSession>();
  const sessionOf = new Map<Connection, LiveSession>();
  const serializeByAddress = createKeyedSerializer();
  const { log } = deps;

  const audit = (session: LiveSession, entry: Omit<NewAuditEntry, 'orgId' | 'consultantId' | 'sessionId' | 'requestId'>) =>
    deps.audit.append({ ...entry, orgId: session.verified?.orgId ?? null, consultantId: session.verified?.id ?? null, sessionId: session.id, requestId: session.requestId }, deps.now());

  /** Takes the session off the maps and records its end (once: a detached session is no longer found). */
  const finish = async (session: LiveSession, reason: EndReason, by: 'user' | 'consultant' | 'server') => {
    sessionOf.delete(session.consultant);
    if (session.user) sessionOf.delete(session.user);
    if (waiting.get(session.lookup) === session) waiting.delete(session.lookup);
    await audit(session, { type: 'session.ended', actor: by, detail: { reason, paired: session.user !== undefined } });
  };

  const endWaiting = async (lookup: string, reason: EndReason) => {
    const session = waiting.get(lookup);
    if (!session) return;
    await finish(session, reason, 'server');
    session.consultant.send({ type: 'session.ended', reason });
    log.info('session.ended', { conn: session.consultant.id, reason });
  };

  /** The socket leaves its session; the other side is told why. A code nobody joined yet dies with it. */
  const leave = async (conn: Connection, reason: EndReason) => {
    const session = sessionOf.get(conn);
    if (!session) return;
    await finish(session, reason, conn === session.consultant ? 'consultant' : 'user');
    const peer = conn === session.consultant ? session.user : session.consultant;
    if (peer) {
      peer.send({ type: 'session.ended', reason });
    } else {
      await deps.pairing.delete(session.lookup);
    }
    log.info('session.left', { conn: conn.id, reason, paired: peer !== undefined });
  };

  const create = async (conn: Connection, consultantName: string, verified: VerifiedConsultant | null, requestId: string | null): Promise<CreatedSession | undefined> => {
    const created = await createCode(deps, consultantName);
    if (!created) {
      log.error('session.no-free-code');
      conn.sendError('internal', 'No session code is available right now; try again shortly.');
      return undefined;
    }
    if (!conn.isOpen) {
      await deps.pairing.delete(created.lookup);
      return undefined;
    }
    const session: LiveSession = { id: randomUUID(), lookup: created.lookup, consultant: conn, consultantName, verified, requestId, expiresAt: created.expiresAt, user: undefined, reports: 0 };
    waiting.set(created.lookup, session);
    sessionOf.set(conn, session);
    await audit(session, { type: 'session.created', actor: 'consultant', address: conn.address, detail: { verified: verified !== null, consultantName } });
    conn.send({ type: 'session.created', code: created.code, expiresAt: created.expiresAt, sessionId: session.id });
    log.info('session.created', { conn: conn.id, verified: verified !== null });
    return { sessionId: session.id, code: created.code, expiresAt: created.expiresAt };
  };

  const createFromMessage = async (conn: Connection, typedName: string) => {
    const verified = (await deps.identify(conn)) ?? null;
    // Anti-scam policy: with it on, only consultants the server can vouch for may start sessions.
    if (!verified && deps.requireVerifiedConsultants) {
      return conn.sendError('verification-required', 'This server only accepts sessions from signed-in consultants.');
    }
    // A verified session shows the account's name, never one typed by whoever holds the socket.
    await create(conn, verified ? verified.name : typedName, verified, null);
  };

  const join = async (conn: Connection, code: string) => {
    const outcome = await serializeByAddress(conn.address, () => redeemCode(deps, conn.address, code));
    if (!outcome.ok) {
      if (outcome.error === 'too-many-attempts') {
        conn.sendError('too-many-attempts', 'Too many attempts; wait before trying again.', outcome.retryAfterMs);
      } else {
        if (outcome.revokedLookup !== undefined) await endWaiting(outcome.revokedLookup, 'code-revoked');
        conn.sendError(outcome.error, JOIN_ERROR_TEXT[outcome.error]);
      }
      log.info('session.join-refused', { conn: conn.id, error: outcome.error });
      return;
    }
    const session = waiting.get(outcome.lookup);
    if (!session) {
      // The consultant went away between the check and now (or sits on another instance).
      conn.sendError('expired-code', JOIN_ERROR_TEXT['expired-code']);
      log.warn('session.join-orphan', { conn: conn.id });
      return;
    }
    waiting.delete(outcome.lookup);
    session.user = conn;
    sessionOf.set(conn, session);
    await audit(session, { type: 'session.joined', actor: 'user', address: conn.address });
    const verified = session.verified && { name: session.verified.name, organisation: session.verified.organisation, organisationId: session.verified.organisationId };
    conn.send({ type: 'session.joined', consultantName: session.consultantName, verified });
    session.consultant.send({ type: 'peer.joined' });
    log.info('session.paired', { consultant: session.consultant.id, user: conn.id });
    // The user's socket may have closed while the code was being checked.
    if (!conn.isOpen) await leave(conn, 'peer-disconnected');
  };

  /**
   * Recorded for the helper's organisation (its admins see it in the audit trail). A session
   * from nobody's account belongs to no organisation: the warning line is then what the
   * server's operator has, with the address the code was created from.
   */
  const reportSuspicious = async (session: LiveSession, user: Connection) => {
    await audit(session, { type: 'contact.reported', actor: 'user', address: user.address, detail: { consultantName: session.consultantName, verified: session.verified !== null } });
    log.warn('session.reported-suspicious', { session: session.id, verified: session.verified !== null, consultantConn: session.consultant.id, consultantAddress: session.consultant.address });
    // The user's app waits for this before telling the person the report was sent.
    user.send({ type: 'session.reported' });
  };

  /** After the session ended: the organisation reacts (alerts, the request's end). A failure there is logged, never the user's problem. */
  const afterReport = async (session: LiveSession, user: Connection) => {
    if (!session.verified || !deps.onContactReported) return;
    const { orgId, id: consultantId } = session.verified;
    try {
      await deps.onContactReported({ orgId, consultantId, at: deps.now(), consultantName: session.consultantName, sessionId: session.id, requestId: session.requestId, address: user.address });
    } catch (error) {
      log.error('session.report-followup-failed', { session: session.id, error: String(error) });
    }
  };

  const handle = async (conn: Connection, message: SessionMessage): Promise<void> => {
    const session = sessionOf.get(conn);
    switch (message.type) {
      case 'session.create':
      case 'session.join':
        // One session per socket: a second one would leave the first half-owned.
        if (session) return conn.sendError('already-in-session', 'This connection is already in a session.');
        return message.type === 'session.create' ? createFromMessage(conn, message.consultantName) : join(conn, message.code);
      case 'session.decline':
      case 'session.report-suspicious':
        if (!session || session.user !== conn) return conn.sendError('not-in-session', 'There is no session to decline.');
        if (message.type === 'session.report-suspicious') await reportSuspicious(session, conn);
        await finish(session, 'declined', 'user');
        // A reported helper is told no more than any declined one.
        session.consultant.send({ type: 'session.ended', reason: 'declined' });
        log.info('session.declined', { conn: conn.id });
        if (message.type === 'session.report-suspicious') await afterReport(session, conn);
        return;
      case 'session.leave':
        if (!session) return conn.sendError('not-in-session', 'There is no session to leave.');
        return leave(conn, 'peer-left');
      case 'signal': {
        const peer = session && (conn === session.consultant ? session.user : session.consultant);
        if (!peer) return conn.sendError('not-in-session', 'Signals are relayed only within a paired session.');
        peer.send({ type: 'signal', data: message.data });
        return;
      }
      case 'audit.report':
        return recordSessionReport(conn, session, message.event, (s, entry) => audit(s, entry));
    }
  };

  const endRequestSession = async (requestId: string, reason: EndReason) => {
    const session = [...new Set(sessionOf.values())].find((s) => s.requestId === requestId);
    if (!session) return;
    await finish(session, reason, 'consultant');
    if (!session.user) await deps.pairing.delete(session.lookup);
    for (const member of [session.consultant, session.user]) member?.send({ type: 'session.ended', reason });
  };

  const sweep = async () => {
    const now = deps.now();
    for (const session of [...waiting.values()]) {
      if (session.expiresAt <= now) await endWaiting(session.lookup, 'expired');
    }
    await deps.pairing.purgeExpired(now - deps.expiredRetentionMs);
    await deps.throttle.purge(now);
  };

  return {
    handle,
    createForRequest: (conn, consultant, requestId) => create(conn, consultant.name, consultant, requestId),
    inSession: (conn) => sessionOf.has(conn),
    endRequestSession,
    disconnect: (conn) => leave(conn, 'peer-disconnected'),
    sweep,
    sessionCount: () => new Set(sessionOf.values()).size,
  };
}

const JOIN_ERROR_TEXT = {
  'wrong-code': 'This code is not valid. Check the digits with your helper.',
  'expired-code': 'This code has expired. Ask your helper for a new one.',
  'used-code': 'This code has already been used. Ask your helper for a new one.',
} as const;
