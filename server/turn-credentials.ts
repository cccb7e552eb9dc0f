import { createHmac } from 'node:crypto';
import type { IceServer, RtcConfig, SessionIce } from '../shared/signaling';

/**
 * coturn's "TURN REST API" credentials (`use-auth-secret` / `static-auth-secret`): the server
 * and coturn share a secret, and each client gets a short-lived username/password derived
 * from it. Nothing long-lived ever reaches a client, and nothing needs to be stored: coturn
 * recomputes the HMAC and checks the expiry embedded in the username.
 *
 * They are handed out only inside a paired session (issue 15): an anonymous socket used to
 * get them in its hello, which made our relay free for anyone who opened a WebSocket.
 */
export interface TurnRestOptions {
  urls: string[];
  secret: string;
  /** Validity of each credential; coturn refuses new allocations with it afterwards. Default 10 minutes. */
  ttlS?: number;
}

/** Static TURN credentials (TURN_USERNAME/TURN_PASSWORD): the same for everyone, so only for paired sessions too. */
export interface TurnStaticOptions {
  urls: string[];
  username: string;
  credential: string;
}

/**
 * coturn checks the expiry only when an allocation is made (issue coturn#774): a relayed
 * session outlives it, and an ICE restart takes the fresh credentials the apps ask for before
 * theirs lapse. Short, then: a leaked credential opens the relay for minutes, not an hour.
 */
export const TURN_CREDENTIAL_TTL_S = 10 * 60;
export const MIN_TURN_CREDENTIAL_TTL_S = 60;
export const MAX_TURN_CREDENTIAL_TTL_S = 60 * 60;

/**
 * The part after "<expiry>:" of a session's REST username: an HMAC of the session id, so that
 * coturn's logs and quotas (`user-quota`) are per session, while neither coturn's logs nor
 * anyone holding the credential learns the session id (the audit trail's key), the code or
 * the resume secret. The server logs it beside the session id at pairing, for operators.
 */
export function turnSessionTag(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`tandem-turn-session:${sessionId}`).digest('base64url').slice(0, 22);
}

export function turnRestCredentials(secret: string, nowMs: number, ttlS: number, tag: string): { username: string; credential: string } {
  const expiry = Math.floor(nowMs / 1000) + ttlS;
  const username = `${expiry}:${tag}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export interface SessionTurn {
  /** The TURN servers and credentials for the members of one paired session; undefined when there is no TURN server. */
  iceFor(sessionId: string): SessionIce | undefined;
  /** What coturn's logs call this session (REST credentials only). */
  tagFor(sessionId: string): string | undefined;
}

export function createSessionTurn(options: { rest?: TurnRestOptions; static?: readonly IceServer[] }, now: () => number): SessionTurn {
  const { rest } = options;
  const fixed = options.static ?? [];
  const ttlS = rest?.ttlS ?? TURN_CREDENTIAL_TTL_S;
  return {
    iceFor(sessionId) {
      const iceServers = [...fixed];
      if (rest) iceServers.push({ urls: rest.urls, ...turnRestCredentials(rest.secret, now(), ttlS, turnSessionTag(rest.secret, sessionId)) });
      if (iceServers.length === 0) return undefined;
      return rest ? { iceServers, validForMs: ttlS * 1000 } : { iceServers };
    },
    tagFor: (sessionId) => (rest ? turnSessionTag(rest.secret, sessionId) : undefined),
  };
}

function isTurnServer(server: IceServer): boolean {
  const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
  return server.username !== undefined || server.credential !== undefined || urls.some((url) => /^turns?:/i.test(url));
}

/**
 * Splits the configured ICE servers: STUN ones go in every hello, any with credentials (or a
 * turn: URL) only to paired sessions. A caller that put TURN credentials into `rtc` by habit
 * cannot leak them to anonymous sockets this way.
 */
export function splitIceServers(rtc: RtcConfig): { hello: RtcConfig; sessionOnly: IceServer[] } {
  return {
    hello: { ...rtc, iceServers: rtc.iceServers.filter((server) => !isTurnServer(server)) },
    sessionOnly: rtc.iceServers.filter(isTurnServer),
  };
}
