import type { ScreenSource } from '../../../shared/host-api';
import type { VerifiedIdentity } from '../../../shared/names';
import type { AwayReason, EndReason, ErrorCode } from '../../../shared/signaling';

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
  | 'capture-stopped'
  /** The connection could not be restored within the policy's limit. */
  | 'reconnect-failed'
  /** The server would not take this side back into the session (an unknown, used or expired secret). */
  | 'resume-refused'
  /** User: the computer restarts for an approved repair; the session can be continued afterwards. */
  | 'restarting'
  /** User: the safety codes did not match, so this side ended the session (and reported it). */
  | 'safety-code-mismatch'
  /** Consultant: the person ended the session because the safety codes did not match. */
  | 'peer-safety-code-mismatch';

export type SessionState =
  | { phase: 'idle'; problem: Problem | null }
  /** Consultant: reaching the server and asking for a code. */
  | { phase: 'starting' }
  /** User: reaching the server and checking the code (or, with `peerName`, taking a session back after a restart). */
  | { phase: 'joining'; peerName?: string }
  | { phase: 'waiting-for-user'; code: string; validMinutes: number }
  | { phase: 'waiting-for-consent' }
  /**
   * User: sees who wants to help and decides. `verified`: the consultant's name and
   * organisation as the server's accounts know them; null for an unverified helper.
   */
  | { phase: 'confirm'; peerName: string; verified: VerifiedIdentity | null }
  | { phase: 'picking'; peerName: string; sources: ScreenSource[] }
  /** `awaitingDesktop`: the capture has started and the desktop's own window still asks which screen (Wayland). */
  | { phase: 'connecting'; peerName: string | null; awaitingDesktop?: true }
  | { phase: 'live'; peerName: string | null; stream: MediaStream | null; route: Route | null }
  | { phase: 'ended'; reason: EndedReason };

export const idleState: SessionState = { phase: 'idle', problem: null };

/** How the server's reason for an end reads on this side. */
export const endReasonFromServer: Record<EndReason, EndedReason> = {
  'peer-left': 'peer-left',
  'peer-disconnected': 'peer-disconnected',
  declined: 'declined',
  expired: 'expired',
  'code-revoked': 'code-revoked',
  'safety-code-mismatch': 'peer-safety-code-mismatch',
};

/** A refusal from the server while joining or starting, as the problem the screens explain. */
export function problemFromError(code: ErrorCode, retryAfterMs: number | undefined): Problem {
  switch (code) {
    case 'wrong-code':
    case 'expired-code':
    case 'used-code':
    case 'rate-limited':
      return { kind: code };
    case 'too-many-attempts':
      return { kind: 'too-many-attempts', retryAfterMs: retryAfterMs ?? 1000 };
    default:
      return { kind: 'protocol' };
  }
}

/**
 * How the live session's connections are doing, shown as calm notices beside the session:
 * the media path between the apps, the signaling server, and the other side's presence.
 */
export interface ConnectionStatus {
  /** 'lost': ICE reported the path disconnected or failed; the apps are restoring it. */
  link: 'ok' | 'lost';
  /** Since when (epoch ms) the signaling server is away and this app reconnects, or null. */
  serverAwaySince: number | null;
  /** The other side's socket went away; the server keeps its place until `until`. */
  peerAway: { reason: AwayReason; since: number; until: number } | null;
}

export const connectionOk: ConnectionStatus = { link: 'ok', serverAwaySince: null, peerAway: null };
