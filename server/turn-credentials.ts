import { createHmac } from 'node:crypto';
import type { IceServer } from '../shared/signaling';

/**
 * coturn's "TURN REST API" credentials (`use-auth-secret` / `static-auth-secret`): the server
 * and coturn share a secret, and each client gets a short-lived username/password derived
 * from it. Nothing long-lived ever reaches a client, and nothing needs to be stored: coturn
 * recomputes the HMAC and checks the expiry embedded in the username.
 */
export interface TurnRestOptions {
  urls: string[];
  secret: string;
  /** Validity of each credential; coturn refuses it afterwards. Default 1 hour. */
  ttlS?: number;
}

export const TURN_CREDENTIAL_TTL_S = 60 * 60;
const USER_SUFFIX = 'tandem';

export function turnRestCredentials(secret: string, nowMs: number, ttlS: number = TURN_CREDENTIAL_TTL_S): { username: string; credential: string } {
  const expiry = Math.floor(nowMs / 1000) + ttlS;
  const username = `${expiry}:${USER_SUFFIX}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export function turnRestIceServer(options: TurnRestOptions, nowMs: number): IceServer {
  return { urls: options.urls, ...turnRestCredentials(options.secret, nowMs, options.ttlS) };
}
