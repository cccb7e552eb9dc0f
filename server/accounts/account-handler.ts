import { echoRef } from '../../shared/names';
import type { ClientMessage } from '../../shared/signaling';
import type { Connection } from '../connection';
import type { Authenticated, AuthService } from './auth-service';

/**
 * Account messages on a socket, and which account a socket is logged in as. Only the token's
 * hash is kept per socket, and it is re-checked against the database on every use, so a
 * logout (from any socket) or an expiry takes effect at once everywhere.
 */
export type AccountMessage = Extract<ClientMessage, { type: 'auth.login' | 'auth.resume' | 'auth.logout' | 'totp.enrol' | 'totp.confirm' }>;

export function createAccountHandler(auth: AuthService, onLogout: (conn: Connection) => Promise<void>) {
  const tokenHashOf = new WeakMap<Connection, string>();

  const identify = async (conn: Connection): Promise<Authenticated | undefined> => {
    const tokenHash = tokenHashOf.get(conn);
    if (tokenHash === undefined) return undefined;
    const current = await auth.authenticateHash(tokenHash);
    if (!current) tokenHashOf.delete(conn);
    return current;
  };

  const handle = async (conn: Connection, message: AccountMessage): Promise<void> => {
    switch (message.type) {
      case 'auth.login': {
        const result = await auth.login({ email: message.email, password: message.password, totp: message.totp }, conn.address);
        if (result.ok) {
          tokenHashOf.set(conn, result.auth.tokenHash);
          return conn.send({
            type: 'auth.ok',
            consultant: result.auth.view,
            expiresAt: result.auth.expiresAt,
            token: result.token,
            ...(result.failedElsewhere > 0 ? { failedElsewhere: result.failedElsewhere } : {}),
          });
        }
        if (result.error === 'too-many-attempts') return conn.sendError('too-many-attempts', 'Too many failed sign-ins; wait before trying again.', result.retryAfterMs);
        if (result.error === 'busy') return conn.sendError('busy', BUSY_TEXT, result.retryAfterMs);
        return conn.sendError(result.error, LOGIN_ERROR_TEXT[result.error]);
      }
      case 'auth.resume': {
        const resumed = await auth.authenticate(message.token);
        if (!resumed) return conn.sendError('unauthorized', 'This sign-in has expired; sign in again.');
        tokenHashOf.set(conn, resumed.tokenHash);
        return conn.send({ type: 'auth.ok', consultant: resumed.view, expiresAt: resumed.expiresAt });
      }
      case 'auth.logout': {
        const current = await identify(conn);
        tokenHashOf.delete(conn);
        if (current) await auth.logout(current, conn.address);
        await onLogout(conn);
        return conn.send({ type: 'auth.logged-out' });
      }
      case 'totp.enrol':
      case 'totp.confirm': {
        const current = await identify(conn);
        if (!current) return conn.sendError('unauthorized', 'Sign in first.');
        if (message.type === 'totp.enrol') {
          const enrolled = await auth.enrolTotp(current, message.password, conn.address);
          if (enrolled.ok) return conn.send({ type: 'totp.enrolment', secret: enrolled.secret, uri: enrolled.uri, ...echoRef(message) });
          if (enrolled.error === 'busy') return conn.sendError('busy', BUSY_TEXT, enrolled.retryAfterMs);
          if (enrolled.error === 'too-many-attempts') return conn.sendError('too-many-attempts', 'Too many wrong passwords; wait before trying again.', enrolled.retryAfterMs);
          // Replacing a working second factor is for the server's operator (admin CLI reset-totp), never for a token holder.
          if (enrolled.error === 'already-enabled') return conn.sendError('forbidden', 'Two-step sign-in is already on. If you lost your authenticator, ask your server’s operator to reset it.');
          return conn.sendError('invalid-credentials', 'Wrong password.');
        }
        const confirmed = await auth.confirmTotp(current, message.code, conn.address);
        if (confirmed.ok) return conn.send({ type: 'totp.enabled', ...echoRef(message) });
        if (confirmed.error === 'too-many-attempts') return conn.sendError('too-many-attempts', 'Too many wrong codes; wait before trying again.', confirmed.retryAfterMs);
        return conn.sendError('invalid-totp', 'That code is not valid; check the time on your phone and try again.');
      }
    }
  };

  return { handle, identify };
}

const BUSY_TEXT = 'The server is busy checking other sign-ins; try again in a moment.';

const LOGIN_ERROR_TEXT = {
  'invalid-credentials': 'Wrong e-mail or password.',
  'totp-required': 'Enter the code from your authenticator app.',
  'invalid-totp': 'That code is not valid or was already used.',
} as const;
