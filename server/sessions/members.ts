import type { ServerMessage } from '../../shared/signaling';
import type { Connection } from '../connection';
import type { MemberRef, RemoteRelay, Role } from './types';

/**
 * This instance's sockets and the session place each holds. The session record is the truth
 * (a member may have resumed on another socket or instance); this is the local index used to
 * find a socket's session and to deliver to it, corrected whenever the record disagrees.
 */
export interface Members {
  connect(conn: Connection): void;
  disconnect(conn: Connection): void;
  ref(conn: Connection): MemberRef;
  of(connId: number): { sessionId: string; role: Role } | undefined;
  join(connId: number, sessionId: string, role: Role): void;
  /** The socket no longer holds a place in that session. */
  forget(ref: MemberRef, sessionId: string): void;
  /**
   * Delivers to a member wherever it is connected. False when its instance is gone (the
   * member's socket died with it); a member of this instance always counts as reached, since
   * its own disconnect handling runs anyway.
   */
  send(ref: MemberRef, message: ServerMessage): Promise<boolean>;
  /** Delivers to a socket of this instance; the end of a session also ends its membership. */
  deliverLocal(connId: number, message: ServerMessage): void;
  sessionCount(): number;
}

export function createMembers(instance: string, remote: RemoteRelay | undefined): Members {
  const sockets = new Map<number, Connection>();
  const places = new Map<number, { sessionId: string; role: Role }>();

  const deliverLocal = (connId: number, message: ServerMessage) => {
    if (message.type === 'session.ended') places.delete(connId);
    sockets.get(connId)?.send(message);
  };

  return {
    connect: (conn) => void sockets.set(conn.id, conn),
    disconnect: (conn) => {
      sockets.delete(conn.id);
      places.delete(conn.id);
    },
    ref: (conn) => ({ instance, conn: conn.id }),
    of: (connId) => places.get(connId),
    join: (connId, sessionId, role) => void places.set(connId, { sessionId, role }),
    forget: (ref, sessionId) => {
      if (ref.instance === instance && places.get(ref.conn)?.sessionId === sessionId) places.delete(ref.conn);
    },
    send: async (ref, message) => {
      if (ref.instance !== instance) return (await remote?.publish(ref, message)) ?? false;
      deliverLocal(ref.conn, message);
      return true;
    },
    deliverLocal,
    sessionCount: () => new Set([...places.values()].map((place) => place.sessionId)).size,
  };
}
