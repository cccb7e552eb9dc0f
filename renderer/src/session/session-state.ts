import type { ScreenSource } from '../../../shared/host-api';
import type { VerifiedIdentity } from '../../../shared/names';

export type Route = 'direct' | 'relayed';

/** Why the join form or the start button could not go on; shown inline, the user can retry. */
export type Problem =
  | { kind: 'wrong-code' | 'expired-code' | 'used-code' | 'rate-limited' | 'server-unreachable' | 'protocol' | 'no-screens' }
  | { kind: 'too-many-attempts'; retryAfterMs: number };

export type EndedReason =
  | 'you-ended'
  | 'peer-left'
  | 'peer-disconnected'
  | 'declined'
  | 'you-declined'
  | 'expired'
  | 'code-revoked'
  | 'network'
  | 'capture-failed'
  | 'capture-stopped';

export type SessionState =
  | { phase: 'idle'; problem: Problem | null }
  /** Consultant: reaching the server and asking for a code. */
  | { phase: 'starting' }
  /** User: reaching the server and checking the code. */
  | { phase: 'joining' }
  | { phase: 'waiting-for-user'; code: string; validMinutes: number }
  | { phase: 'waiting-for-consent' }
  /**
   * User: sees who wants to help and decides. `verified`: the consultant's name and
   * organisation as the server's accounts know them; null for an unverified helper.
   */
  | { phase: 'confirm'; peerName: string; verified: VerifiedIdentity | null }
  | { phase: 'picking'; peerName: string; sources: ScreenSource[] }
  | { phase: 'connecting'; peerName: string | null }
  | { phase: 'live'; peerName: string | null; stream: MediaStream | null; route: Route | null }
  | { phase: 'ended'; reason: EndedReason };

export const idleState: SessionState = { phase: 'idle', problem: null };
