import { randomUUID } from 'node:crypto';
import type { Logger } from '../shared/log';
import type { ClientMessage, EndReason, ServerMessage } from '../shared/signaling';
import type { AuditLog, NewAuditEntry } from './audit/audit-log';
import type { Connection } from './connection';
import type { CreateBudget } from './create-budget';
import { createKeyedSerializer } from './keyed-serializer';
import type { HubMetrics } from './metrics';
import { createCode, redeemCode, type PairingDeps } from './pairing';
import { recordSessionReport } from './session-reports';
import { createMembers, type Members } from './sessions/members';
import { createResumeHandler } from './sessions/session-resume';
import type { ResumeSealer } from './sessions/resume-token';
import type { SessionDirectory } from './sessions/session-directory';
import type { SessionTurn } from './turn-credentials';
import { otherRole, presentSlot, sameRef, type ContactReport, type MemberRef, type RemoteRelay, type Role, type SessionRecord, type VerifiedConsultant } from './sessions/types';

/** Why a user reported a contact: by their own judgement, or because the safety codes differed. */
type ReportReason = 'suspicious' | 'safety-code-mismatch';

export type { ContactReport, RemoteRelay, VerifiedConsultant } from './sessions/types';

/**
 * The live side of sessions: who waits on which code, which two members are paired, and the
 * relay between them. Session state lives in the SessionDirectory (this process, or Redis
 * for a cluster); sockets stay where they connected, and a member on another instance is
 * reached through the relay. A paired member whose socket goes away keeps its place for a
 * while (see session-resume.ts): media is peer to peer and usually survives, so the session
 * should too.
 */
export type SessionMessage = Extract<
  ClientMessage,
  { type: 'session.create' | 'session.join' | 'session.decline' | 'session.report-suspicious' | 'session.leave' | 'signal' | 'audit.report' | 'session.resume' | 'session.away' | 'session.ice-refresh' }
>;

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
  directory: SessionDirectory;
  /** This instance's name in member references. */
  instance: string;
  /** Absent: every member is on this instance. */
  remote?: RemoteRelay;
  sealer: ResumeSealer;
  resume: ResumeTimings;
  metrics?: HubMetrics;
  /** Session codes per address, network or account (create-budget.ts); absent: unbounded. */
  createBudget?: CreateBudget;
  /** Whether an anonymous session's report from this address still fits its budget (session-reports.ts); absent: always. */
  anonymousReportBudget?: (address: string) => Promise<boolean>;
  /** The TURN servers of a paired session (absent: none); only ever sent to its two members. */
  turn?: SessionTurn;
}

export interface ResumeTimings {
  /** How long a member whose connection dropped keeps its place. */
  graceMs: number;
  /** The longest a restart of the user's computer may keep the session waiting. */
  restartMaxMs: number;
  /** Lifetime of one resume secret. */
  tokenTtlMs: number;
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
  connect(conn: Connection): void;
  disconnect(conn: Connection): Promise<void>;
  /** A message for a member on this instance, relayed from another one. */
  deliverLocal(connId: number, message: ServerMessage): void;
  /** Ends waiting sessions whose code expired, and sessions whose member stayed away too long; purges old state. */
  sweep(): Promise<void>;
  /** Sessions with a member on this instance. */
  sessionCount(): number;
}

type AuditFields = Omit<NewAuditEntry, 'orgId' | 'consultantId' | 'sessionId' | 'requestId'>;
/** What an audit entry takes from a session; no id when a refused resume secret named no genuine session. */
export type AuditedSession = { id: string | null } & Pick<SessionRecord, 'verified' | 'requestId'>;

export function createSessionHub(deps: SessionHubDeps): SessionHub {
  const { log, directory } = deps;
  const members: Members = createMembers(deps.instance, deps.remote);
  const serializeByAddress = createKeyedSerializer();

  const audit = (session: AuditedSession, entry: AuditFields) =>
    deps.audit.append({ ...entry, orgId: session.verified?.orgId ?? null, consultantId: session.verified?.id ?? null, sessionId: session.id, requestId: session.requestId }, deps.now());

  /** Tells every member still present that the session ended (a member on its way back learns it when it tries). */
  const announceEnd = async (record: SessionRecord, reason: EndReason, except?: MemberRef) => {
    for (const slot of [record.consultant, record.user]) {
      if (slot?.at && !(except && sameRef(slot.at, except))) await members.send(slot.at, { type: 'session.ended', reason });
    }
  };

  /** Removes the session (atomically: only one caller gets the record) and records its end. */
  const endSession = async (id: string, reason: EndReason, by: 'user' | 'consultant' | 'server', check: (record: SessionRecord) => boolean = () => true) => {
    const ended = await directory.update(id, (record) => (check(record) ? { record: null, result: record } : { result: undefined }));
    if (!ended) return undefined;
    for (const slot of [ended.consultant, ended.user]) if (slot?.at) members.forget(slot.at, id);
    // An expired code's record stays a while so that late joins hear "expired", not "wrong".
    if (!ended.user && reason !== 'expired') await deps.pairing.delete(ended.lookup);
    await audit(ended, { type: 'session.ended', actor: by, detail: { reason, paired: ended.user !== null } });
    return ended;
  };

  /** The session this socket holds a place in, checked against the record (a resume elsewhere may have taken it). */
  const current = async (conn: Connection): Promise<{ record: SessionRecord; role: Role } | undefined> => {
    const membership = members.of(conn.id);
    if (!membership) return undefined;
    const record = await directory.get(membership.sessionId);
    const slot = record?.[membership.role];
    if (!record || !slot?.at || !sameRef(slot.at, members.ref(conn))) {
      members.forget(members.ref(conn), membership.sessionId);
      return undefined;
    }
    return { record, role: membership.role };
  };

  /** The `ice` field of a message to a member of session `id`: empty when the server has no TURN server. */
  const iceField = (id: string) => {
    const ice = deps.turn?.iceFor(id);
    return ice ? { ice } : {};
  };

  const resume = createResumeHandler({ ...deps, members, audit, current, endSession, iceField });

  /** Fresh credentials before the member's lapse; only a member of a paired session gets any. */
  const refreshIce = async (conn: Connection) => {
    const here = await current(conn);
    if (!here?.record.user) return conn.sendError('not-in-session', 'Relay credentials are given only within a paired session.');
    const ice = deps.turn?.iceFor(here.record.id);
    if (ice) conn.send({ type: 'session.ice', ice });
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
    const record: SessionRecord = {
      id: randomUUID(),
      lookup: created.lookup,
      consultantName,
      verified,
      requestId,
      codeExpiresAt: created.expiresAt,
      consultant: presentSlot(members.ref(conn), null),
      user: null,
      reports: 0,
    };
    await directory.create(record);
    members.join(conn.id, record.id, 'consultant');
    await audit(record, { type: 'session.created', actor: 'consultant', address: conn.address, detail: { verified: verified !== null, consultantName } });
    conn.send({ type: 'session.created', code: created.code, expiresAt: created.expiresAt, sessionId: record.id });
    log.info('session.created', { conn: conn.id, verified: verified !== null });
    return { sessionId: record.id, code: created.code, expiresAt: created.expiresAt };
  };

  const createFromMessage = async (conn: Connection, typedName: string) => {
    const verified = (await deps.identify(conn)) ?? null;
    // Anti-scam policy: with it on, only consultants the server can vouch for may start sessions.
    if (!verified && deps.requireVerifiedConsultants) {
      return conn.sendError('verification-required', 'This server only accepts sessions from signed-in consultants.');
    }
    // Nobody can take every session code (issue 15): creations are budgeted per address and network, or per account.
    const budget = await deps.createBudget?.take({ address: conn.address, accountId: verified ? String(verified.id) : undefined }, deps.now());
    if (budget && !budget.allowed) {
      log.warn('session.create-budget-spent', { conn: conn.id, verified: verified !== null });
      return conn.sendError('rate-limited', 'Too many sessions were started from here; try again shortly.', budget.retryAfterMs);
    }
    // A verified session shows the account's name, never one typed by whoever holds the socket.
    await create(conn, verified ? verified.name : typedName, verified, null);
  };

  const join = async (conn: Connection, code: string) => {
    const outcome = await serializeByAddress(conn.address, () => redeemCode(deps, conn.address, code));
    if (!outcome.ok) {
      deps.metrics?.refusedGuess(outcome.error === 'too-many-attempts' && outcome.by === 'server' ? 'guess-budget' : outcome.error);
      if (outcome.error === 'too-many-attempts') {
        conn.sendError('too-many-attempts', 'Too many attempts; wait before trying again.', outcome.retryAfterMs);
      } else {
        if (outcome.revokedLookup !== undefined) await endWaiting(outcome.revokedLookup, 'code-revoked');
        conn.sendError(outcome.error, JOIN_ERROR_TEXT[outcome.error]);
      }
      log.info('session.join-refused', { conn: conn.id, error: outcome.error });
      return;
    }
    const id = await directory.idForLookup(outcome.lookup);
    const userNonce = resume.nonce();
    const consultantNonce = resume.nonce();
    const joined =
      id === undefined
        ? undefined
        : await directory.update(id, (record) => {
            if (record.user) return { result: undefined };
            record.user = presentSlot(members.ref(conn), userNonce);
            record.consultant.nonce = consultantNonce;
            return { record, result: record };
          });
    if (!joined) {
      // The consultant went away between the check and now.
      conn.sendError('expired-code', JOIN_ERROR_TEXT['expired-code']);
      log.warn('session.join-orphan', { conn: conn.id });
      return;
    }
    members.join(conn.id, joined.id, 'user');
    deps.metrics?.paired();
    await audit(joined, { type: 'session.joined', actor: 'user', address: conn.address });
    const verified = joined.verified && { name: joined.verified.name, organisation: joined.verified.organisation, organisationId: joined.verified.organisationId };
    // TURN credentials exist only from here on, for these two members (issue 15): they ride on
    // the messages that announce the pairing, so connecting takes no extra round trip.
    const ice = iceField(joined.id);
    conn.send({ type: 'session.joined', consultantName: joined.consultantName, verified, ...ice });
    // Both members can take their place again from now on (network loss, server restart).
    conn.send(resume.tokenMessage(joined, 'user', userNonce));
    const consultantAt = joined.consultant.at;
    // Sent in one go, not one after the other's delivery: on another instance they share one PUBLISH.
    if (consultantAt) await Promise.all([members.send(consultantAt, { type: 'peer.joined', ...ice }), members.send(consultantAt, resume.tokenMessage(joined, 'consultant', consultantNonce))]);
    // turnTag: the session's name in coturn's logs (the credentials' username), for operators.
    const turnTag = deps.turn?.tagFor(joined.id);
    log.info('session.paired', { session: joined.id, user: conn.id, ...(turnTag ? { turnTag } : {}) });
    // The user's socket may have closed while the code was being checked.
    if (!conn.isOpen) await resume.socketGone(conn);
  };

  const endWaiting = async (lookup: string, reason: EndReason) => {
    const id = await directory.idForLookup(lookup);
    if (id === undefined) return;
    const ended = await endSession(id, reason, 'server', (record) => record.user === null);
    if (ended) await announceEnd(ended, reason);
    log.info('session.ended', { session: id, reason });
  };

  /** The member leaves on purpose; the other side is told why. A code nobody joined yet dies with it. */
  const leave = async (conn: Connection, reason: EndReason) => {
    const here = await current(conn);
    if (!here) return conn.sendError('not-in-session', 'There is no session to leave.');
    const ended = await endSession(here.record.id, reason, here.role);
    if (ended) await announceEnd(ended, reason, members.ref(conn));
    log.info('session.left', { conn: conn.id, reason, paired: ended?.user !== null });
  };

  /**
   * Recorded for the helper's organisation (its admins see it in the audit trail). A session
   * from nobody's account belongs to no organisation: the warning line is then what the
   * server's operator has.
   */
  const reportSuspicious = async (record: SessionRecord, user: Connection, reason: ReportReason) => {
    await audit(record, { type: 'contact.reported', actor: 'user', address: user.address, detail: { consultantName: record.consultantName, verified: record.verified !== null, reason } });
    log.warn('session.reported-suspicious', { session: record.id, verified: record.verified !== null, consultantInstance: record.consultant.at?.instance ?? null, consultantConn: record.consultant.at?.conn ?? null });
    // The user's app waits for this before telling the person the report was sent.
    user.send({ type: 'session.reported' });
  };

  /** After the session ended: the organisation reacts (alerts, the request's end). A failure there is logged, never the user's problem. */
  const afterReport = async (record: SessionRecord, user: Connection) => {
    if (!record.verified || !deps.onContactReported) return;
    const { orgId, id: consultantId } = record.verified;
    try {
      await deps.onContactReported({ orgId, consultantId, at: deps.now(), consultantName: record.consultantName, sessionId: record.id, requestId: record.requestId, address: user.address });
    } catch (error) {
      log.error('session.report-followup-failed', { session: record.id, error: String(error) });
    }
  };

  /** `report`: the reason of a suspicious-contact report, or null for a plain decline. */
  const decline = async (conn: Connection, report: ReportReason | null) => {
    const here = await current(conn);
    if (!here || here.role !== 'user') return conn.sendError('not-in-session', 'There is no session to decline.');
    if (report) await reportSuspicious(here.record, conn, report);
    // A reported helper is told no more than any declined one; codes that did not match are
    // said, since the consultant's own link may be the one someone sits on.
    const reason = report === 'safety-code-mismatch' ? 'safety-code-mismatch' : 'declined';
    const ended = await endSession(here.record.id, reason, 'user');
    if (ended) await announceEnd(ended, reason, members.ref(conn));
    log.info('session.declined', { conn: conn.id });
    if (report) await afterReport(here.record, conn);
  };

  const countReport = (id: string, limit: number) =>
    directory.update(id, (record) => {
      if (record.reports >= limit) return { result: false };
      record.reports += 1;
      return { record, result: true };
    });

  const handle = async (conn: Connection, message: SessionMessage): Promise<void> => {
    switch (message.type) {
      case 'session.create':
      case 'session.join':
        // One session per socket: a second one would leave the first half-owned.
        if (await current(conn)) return conn.sendError('already-in-session', 'This connection is already in a session.');
        return message.type === 'session.create' ? createFromMessage(conn, message.consultantName) : join(conn, message.code);
      case 'session.decline':
        return decline(conn, null);
      case 'session.report-suspicious':
        return decline(conn, message.reason ?? 'suspicious');
      case 'session.leave':
        return leave(conn, 'peer-left');
      case 'signal': {
        const received = performance.now();
        const here = await current(conn);
        const peer = here?.record[otherRole(here.role)];
        if (!here || !peer) return conn.sendError('not-in-session', 'Signals are relayed only within a paired session.');
        await resume.relaySignal(here.record, otherRole(here.role), message.data);
        deps.metrics?.relayed((performance.now() - received) / 1000);
        return;
      }
      case 'audit.report': {
        const here = await current(conn);
        const paired = here?.record.user ? here : undefined;
        return recordSessionReport(conn, paired?.role, message.event, {
          count: async (limit) =>
            paired !== undefined &&
            (await countReport(paired.record.id, limit)) === true &&
            (paired.record.verified !== null || (await (deps.anonymousReportBudget?.(conn.address) ?? true))),
          append: async (entry) => {
            if (paired) await audit(paired.record, entry);
          },
        });
      }
      case 'session.resume':
        return resume.resume(conn, message.token);
      case 'session.away':
        return resume.announceRestart(conn, message.forMs);
      case 'session.ice-refresh':
        return refreshIce(conn);
    }
  };

  const endRequestSession = async (requestId: string, reason: EndReason) => {
    const id = await directory.idForRequest(requestId);
    if (id === undefined) return;
    const ended = await endSession(id, reason, 'consultant');
    if (ended) await announceEnd(ended, reason);
  };

  const sweep = async () => {
    const now = deps.now();
    for (const id of await directory.due(now)) {
      const record = await directory.get(id);
      if (!record) continue;
      if (!record.user) {
        const ended = await endSession(id, 'expired', 'server', (r) => r.user === null && r.codeExpiresAt <= now);
        if (ended) await announceEnd(ended, 'expired');
      } else {
        await resume.giveUpAway(id, now);
      }
    }
    await deps.pairing.purgeExpired(now - deps.expiredRetentionMs);
    await deps.throttle.purge(now);
  };

  return {
    handle,
    createForRequest: (conn, consultant, requestId) => create(conn, consultant.name, consultant, requestId),
    inSession: (conn) => members.of(conn.id) !== undefined,
    endRequestSession,
    connect: (conn) => members.connect(conn),
    disconnect: async (conn) => {
      await resume.socketGone(conn);
      members.disconnect(conn);
    },
    deliverLocal: (connId, message) => members.deliverLocal(connId, message),
    sweep,
    sessionCount: () => members.sessionCount(),
  };
}

const JOIN_ERROR_TEXT = {
  'wrong-code': 'This code is not valid. Check the digits with your helper.',
  'expired-code': 'This code has expired. Ask your helper for a new one.',
  'used-code': 'This code has already been used. Ask your helper for a new one.',
} as const;
