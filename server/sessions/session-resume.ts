import type { Logger } from '../../shared/log';
import type { EndReason, ServerMessage, SessionIce, SignalData } from '../../shared/signaling';
import type { NewAuditEntry } from '../audit/audit-log';
import type { Connection } from '../connection';
import type { HubMetrics } from '../metrics';
import type { Members } from './members';
import { newNonce, type ResumeClaims, type ResumeSealer } from './resume-token';
import type { SessionDirectory } from './session-directory';
import { otherRole, presentSlot, sameRef, type MemberRef, type MemberSlot, type Role, type SessionRecord } from './types';

/**
 * Sessions that outlive their sockets. A paired member whose socket goes without leaving
 * keeps its place: for `graceMs` after a lost connection, or for the time the user's app
 * announced before restarting the computer. The other member hears `peer.away`, then
 * `peer.back` or, when the time runs out, the end. Coming back takes the member's current
 * resume secret (single use: each resume hands out the next one). A server that restarted
 * and forgot the session takes the secret's sealed facts instead and re-registers it.
 */
export const MAX_QUEUED_SIGNALS = 64;

type AuditFields = Omit<NewAuditEntry, 'orgId' | 'consultantId' | 'sessionId' | 'requestId'>;
type AuditedSession = { id: string | null } & Pick<SessionRecord, 'verified' | 'requestId'>;

export interface ResumeDeps {
  directory: SessionDirectory;
  sealer: ResumeSealer;
  resume: { graceMs: number; restartMaxMs: number; tokenTtlMs: number };
  now: () => number;
  log: Logger;
  members: Members;
  audit: (session: AuditedSession, entry: AuditFields) => Promise<void>;
  current: (conn: Connection) => Promise<{ record: SessionRecord; role: Role } | undefined>;
  endSession: (id: string, reason: EndReason, by: 'user' | 'consultant' | 'server', check?: (record: SessionRecord) => boolean) => Promise<SessionRecord | undefined>;
  metrics?: Pick<HubMetrics, 'resume'>;
  /** The session's TURN servers for `session.resumed` (fresh credentials: the old ones may have lapsed). */
  iceField: (sessionId: string) => { ice?: SessionIce };
}

type Refusal = 'forged' | 'expired' | 'replayed' | 'ended' | 'busy';

export function createResumeHandler(deps: ResumeDeps) {
  const { directory, members, log } = deps;

  const tokenMessage = (record: Pick<SessionRecord, 'id' | 'consultantName' | 'verified' | 'requestId'>, role: Role, nonce: string): ServerMessage => {
    const expiresAt = deps.now() + deps.resume.tokenTtlMs;
    const claims: ResumeClaims = { sessionId: record.id, role, nonce, expiresAt, consultantName: record.consultantName, verified: record.verified, requestId: record.requestId };
    return { type: 'session.resume-token', sessionId: record.id, token: deps.sealer.seal(claims), expiresAt };
  };

  const refuse = async (conn: Connection, reason: Refusal, claims: ResumeClaims | null) => {
    // Every refusal is on record: a forged or replayed secret is someone trying to get in.
    const session: AuditedSession = claims ? { id: claims.sessionId, verified: claims.verified, requestId: claims.requestId } : { id: null, verified: null, requestId: null };
    await deps.audit(session, { type: 'session.resume-refused', actor: claims?.role ?? 'user', address: conn.address, detail: { reason } });
    deps.metrics?.resume(reason);
    log.warn('session.resume-refused', { conn: conn.id, reason });
    conn.sendError('resume-refused', 'This session cannot be resumed. Start again with a new code.');
  };

  /** A paired member's socket went without leaving: keep its place, tell the other member. */
  const socketGone = async (conn: Connection) => {
    const here = await deps.current(conn);
    if (!here) return;
    if (!here.record.user) {
      // Nobody joined yet: there is nothing to keep; the code dies with the consultant's socket.
      const ended = await deps.endSession(here.record.id, 'peer-disconnected', 'consultant', (record) => record.user === null);
      if (ended) log.info('session.left', { conn: conn.id, reason: 'peer-disconnected', paired: false });
      return;
    }
    const now = deps.now();
    const away = await directory.update(here.record.id, (record) => {
      const slot = record[here.role];
      if (!slot?.at || !sameRef(slot.at, members.ref(conn))) return { result: undefined };
      const reason = slot.restartUntil !== null && slot.restartUntil > now ? ('restart' as const) : ('network' as const);
      const until = reason === 'restart' ? (slot.restartUntil ?? now) : now + deps.resume.graceMs;
      record[here.role] = { ...slot, at: null, awayUntil: until, awayReason: reason, restartUntil: null };
      return { record, result: { reason, until, peer: record[otherRole(here.role)]?.at ?? null } };
    });
    if (!away) return;
    members.forget(members.ref(conn), here.record.id);
    if (away.peer) await members.send(away.peer, { type: 'peer.away', reason: away.reason, until: away.until });
    log.info('session.member-away', { session: here.record.id, role: here.role, reason: away.reason });
  };

  /**
   * A member's instance died with its socket (nothing listens on its channel any more): it is
   * away like any member whose connection dropped, and the other member is told.
   */
  const instanceGone = async (sessionId: string, role: Role, at: MemberRef) => {
    const now = deps.now();
    const away = await directory.update(sessionId, (record) => {
      const slot = record[role];
      if (!slot?.at || !sameRef(slot.at, at)) return { result: undefined };
      record[role] = { ...slot, at: null, awayUntil: now + deps.resume.graceMs, awayReason: 'network' };
      return { record, result: { until: now + deps.resume.graceMs, peer: record[otherRole(role)]?.at ?? null } };
    });
    if (away?.peer) await members.send(away.peer, { type: 'peer.away', reason: 'network', until: away.until });
    log.warn('session.member-instance-gone', { session: sessionId, role, goneInstance: at.instance });
  };

  /** Relays a signal to the other member, or keeps it (a few) until that member is back. */
  /** `record`: the sender's session as just read (one directory read per signal, not two). */
  const relaySignal = async (record: SessionRecord, to: Role, data: SignalData) => {
    const sessionId = record.id;
    const slot = record[to];
    if (!slot) return;
    if (slot.at) {
      if (!(await members.send(slot.at, { type: 'signal', data }))) await instanceGone(sessionId, to, slot.at);
      else return;
    }
    await directory.update(sessionId, (latest) => {
      const target = latest[to];
      if (!target || target.at || target.queued.length >= MAX_QUEUED_SIGNALS) return { result: undefined };
      target.queued.push(data);
      return { record: latest, result: undefined };
    });
  };

  /** The user's app is about to restart the computer: its place is kept that long once the socket goes. */
  const announceRestart = async (conn: Connection, forMs: number) => {
    const here = await deps.current(conn);
    if (!here || here.role !== 'user' || !here.record.user) return conn.sendError('not-in-session', 'Only the helped person’s app of a paired session can announce a restart.');
    const until = deps.now() + Math.min(forMs, deps.resume.restartMaxMs);
    await directory.update(here.record.id, (record) => {
      if (!record.user) return { result: undefined };
      record.user.restartUntil = until;
      return { record, result: undefined };
    });
    await deps.audit(here.record, { type: 'session.away', actor: 'user', address: conn.address, detail: { reason: 'restart', minutes: Math.round((until - deps.now()) / 60_000) } });
  };

  /** Takes the member's place back, or re-registers the session with a server that forgot it. */
  const resume = async (conn: Connection, token: string) => {
    if (members.of(conn.id)) return conn.sendError('already-in-session', 'This connection is already in a session.');
    const opened = deps.sealer.open(token, deps.now());
    if (!opened.ok) return refuse(conn, opened.reason, opened.claims ?? null);
    const { claims } = opened;
    if (await directory.hasEnded(claims.sessionId)) return refuse(conn, 'ended', claims);
    const nonce = newNonce();
    const here = members.ref(conn);
    type Taken = { ok: true; record: SessionRecord; queued: SignalData[]; previous: MemberSlot['at']; reregistered: boolean } | { ok: false; reason: Refusal };
    const take = (record: SessionRecord, reregistered: boolean): { record?: SessionRecord; result: Taken } => {
      const slot = record[claims.role];
      // The user's slot exists once paired; a secret for a member the record does not know is not genuine here.
      if (!slot) return { result: { ok: false, reason: 'forged' } };
      // After a re-registration the other member's nonce is unknown: its first authentic secret is taken.
      if (slot.nonce !== null && slot.nonce !== claims.nonce) return { result: { ok: false, reason: 'replayed' } };
      record[claims.role] = presentSlot(here, nonce);
      return { record, result: { ok: true, record, queued: slot.queued, previous: slot.at, reregistered } };
    };
    let taken = await directory.update(claims.sessionId, (record) => take(record, false));
    if (taken === undefined) {
      const fresh = reregistered(claims, deps.now() + deps.resume.graceMs);
      const result = take(fresh, true);
      if (result.result.ok && (await directory.create(fresh))) taken = result.result;
      // Lost the race with the other member re-registering the same session: take its record.
      else taken = await directory.update(claims.sessionId, (record) => take(record, false));
    }
    if (!taken) return refuse(conn, 'ended', claims);
    if (!taken.ok) return refuse(conn, taken.reason, claims);
    const { record } = taken;
    if (taken.previous && !sameRef(taken.previous, here)) members.forget(taken.previous, record.id);
    members.join(conn.id, record.id, claims.role);
    const other = record[otherRole(claims.role)];
    const peer = other?.at ?? null;
    conn.send({ type: 'session.resumed', sessionId: record.id, peerPresent: peer !== null, ...deps.iceField(record.id) });
    conn.send(tokenMessage(record, claims.role, nonce));
    // The other member is away too (or not back yet after a re-registration): say until when.
    if (!peer && other?.awayUntil) conn.send({ type: 'peer.away', reason: other.awayReason ?? 'network', until: other.awayUntil });
    for (const data of taken.queued) conn.send({ type: 'signal', data });
    if (peer && !(await members.send(peer, { type: 'peer.back' }))) await instanceGone(record.id, otherRole(claims.role), peer);
    await deps.audit(record, { type: 'session.resumed', actor: claims.role, address: conn.address, detail: { reregistered: taken.reregistered } });
    deps.metrics?.resume('resumed');
    log.info('session.resumed', { session: record.id, role: claims.role, reregistered: taken.reregistered });
  };

  /** A member stayed away past its time: the session ends for whoever is still there. */
  const giveUpAway = async (id: string, now: number) => {
    const overdue = (slot: MemberSlot | null) => slot !== null && slot.at === null && slot.awayUntil !== null && slot.awayUntil <= now;
    const ended = await deps.endSession(id, 'peer-disconnected', 'server', (record) => overdue(record.consultant) || overdue(record.user));
    if (!ended) return;
    for (const slot of [ended.consultant, ended.user]) {
      if (slot?.at) await members.send(slot.at, { type: 'session.ended', reason: 'peer-disconnected' });
    }
    log.info('session.away-expired', { session: id });
  };

  return { nonce: newNonce, tokenMessage, socketGone, relaySignal, announceRestart, resume, giveUpAway };
}

/** The session as a resume secret describes it, for a server that has no record of it. */
function reregistered(claims: ResumeClaims, otherAwayUntil: number): SessionRecord {
  const absent: MemberSlot = { at: null, nonce: null, awayUntil: otherAwayUntil, awayReason: 'network', restartUntil: null, queued: [] };
  // The slot being taken is replaced by take(); it only needs to exist with an accepting nonce.
  const taking: MemberSlot = { ...absent, awayUntil: null };
  return {
    id: claims.sessionId,
    lookup: '',
    consultantName: claims.consultantName,
    verified: claims.verified,
    requestId: claims.requestId,
    codeExpiresAt: 0,
    consultant: claims.role === 'consultant' ? taking : absent,
    user: claims.role === 'user' ? taking : absent,
    reports: 0,
  };
}
