import type { Logger } from '../shared/log';
import type { ClientMessage, EndReason } from '../shared/signaling';
import type { Connection } from './connection';
import { createKeyedSerializer } from './keyed-serializer';
import { createCode, redeemCode, type PairingDeps } from './pairing';

/**
 * The live side of sessions: which socket waits on which code and which two sockets are
 * paired. This stays in process (sockets cannot be shared); the codes themselves live in
 * the PairingStore. The server only ever relays between the two members of a pair.
 */
interface LiveSession {
  readonly lookup: string;
  readonly consultant: Connection;
  readonly consultantName: string;
  readonly expiresAt: number;
  user: Connection | undefined;
}

export interface SessionHubDeps extends PairingDeps {
  log: Logger;
  /** How long an expired record is kept so that joins with it say `expired-code` rather than `wrong-code`. */
  expiredRetentionMs: number;
}

export interface SessionHub {
  handle(conn: Connection, message: ClientMessage): Promise<void>;
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

  const detach = (session: LiveSession) => {
    sessionOf.delete(session.consultant);
    if (session.user) sessionOf.delete(session.user);
    if (waiting.get(session.lookup) === session) waiting.delete(session.lookup);
  };

  const endWaiting = (lookup: string, reason: EndReason) => {
    const session = waiting.get(lookup);
    if (!session) return;
    detach(session);
    session.consultant.send({ type: 'session.ended', reason });
    log.info('session.ended', { conn: session.consultant.id, reason });
  };

  /** The socket leaves its session; the other side is told why. A code nobody joined yet dies with it. */
  const leave = async (conn: Connection, reason: EndReason) => {
    const session = sessionOf.get(conn);
    if (!session) return;
    detach(session);
    const peer = conn === session.consultant ? session.user : session.consultant;
    if (peer) {
      peer.send({ type: 'session.ended', reason });
    } else {
      await deps.pairing.delete(session.lookup);
    }
    log.info('session.left', { conn: conn.id, reason, paired: peer !== undefined });
  };

  const create = async (conn: Connection, consultantName: string) => {
    const created = await createCode(deps, consultantName);
    if (!created) {
      log.error('session.no-free-code');
      conn.sendError('internal', 'No session code is available right now; try again shortly.');
      return;
    }
    if (!conn.isOpen) {
      await deps.pairing.delete(created.lookup);
      return;
    }
    const session: LiveSession = { lookup: created.lookup, consultant: conn, consultantName, expiresAt: created.expiresAt, user: undefined };
    waiting.set(created.lookup, session);
    sessionOf.set(conn, session);
    conn.send({ type: 'session.created', code: created.code, expiresAt: created.expiresAt });
    log.info('session.created', { conn: conn.id });
  };

  const join = async (conn: Connection, code: string) => {
    const outcome = await serializeByAddress(conn.address, () => redeemCode(deps, conn.address, code));
    if (!outcome.ok) {
      if (outcome.error === 'too-many-attempts') {
        conn.sendError('too-many-attempts', 'Too many attempts; wait before trying again.', outcome.retryAfterMs);
      } else {
        if (outcome.revokedLookup !== undefined) endWaiting(outcome.revokedLookup, 'code-revoked');
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
    conn.send({ type: 'session.joined', consultantName: session.consultantName });
    session.consultant.send({ type: 'peer.joined' });
    log.info('session.paired', { consultant: session.consultant.id, user: conn.id });
    // The user's socket may have closed while the code was being checked.
    if (!conn.isOpen) await leave(conn, 'peer-disconnected');
  };

  const handle = async (conn: Connection, message: ClientMessage): Promise<void> => {
    const session = sessionOf.get(conn);
    switch (message.type) {
      case 'session.create':
      case 'session.join':
        // One session per socket: a second one would leave the first half-owned.
        if (session) return conn.sendError('already-in-session', 'This connection is already in a session.');
        return message.type === 'session.create' ? create(conn, message.consultantName) : join(conn, message.code);
      case 'session.decline':
        if (!session || session.user !== conn) return conn.sendError('not-in-session', 'There is no session to decline.');
        detach(session);
        session.consultant.send({ type: 'session.ended', reason: 'declined' });
        log.info('session.declined', { conn: conn.id });
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
    }
  };

  const sweep = async () => {
    const now = deps.now();
    for (const session of [...waiting.values()]) {
      if (session.expiresAt <= now) endWaiting(session.lookup, 'expired');
    }
    await deps.pairing.purgeExpired(now - deps.expiredRetentionMs);
    await deps.throttle.purge(now);
  };

  return {
    handle,
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
