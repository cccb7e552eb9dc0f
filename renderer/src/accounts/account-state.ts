import type { ConsultantView } from '../../../shared/accounts';

/** Why signing in did not work; shown next to the form in plain words. */
export type SignInProblem =
  /** 'busy': the server has too many sign-ins to check right now (not the user's fault; try again). */
  | { kind: 'invalid-credentials' | 'invalid-totp' | 'server-unreachable' | 'connection-lost' | 'expired' | 'protocol' | 'busy' }
  | { kind: 'too-many-attempts'; retryAfterMs: number };

export type AccountState =
  /** `needsTotp`: the password was accepted and the server asks for the authenticator code. */
  | { status: 'signed-out'; problem: SignInProblem | null; needsTotp: boolean }
  | { status: 'signing-in'; needsTotp: boolean }
  /** `online` is false while a lost connection is being re-established with the token. */
  /** `failedElsewhere`: failed sign-ins from other places since the last visit, told once at a password sign-in. */
  | { status: 'signed-in'; consultant: ConsultantView; expiresAt: number; online: boolean; failedElsewhere?: number };

export const signedOut: AccountState = { status: 'signed-out', problem: null, needsTotp: false };
