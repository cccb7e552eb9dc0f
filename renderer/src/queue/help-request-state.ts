import type { VerifiedIdentity } from '../../../shared/names';
import type { Outcome, RequestState } from '../../../shared/queue';

/** Why a help request could not be sent or changed; shown in plain words. */
export type RequestProblem = 'unknown-organisation' | 'rate-limited' | 'queue-full' | 'too-many-waiting' | 'server-unreachable' | 'limit-reached' | 'request-gone' | 'protocol';

export type HelpRequestState =
  | { phase: 'none'; problem: RequestProblem | null }
  | { phase: 'submitting' }
  | {
      phase: 'open';
      requestId: string;
      /** The organisation's name, as the server knows it. */
      organisation: string;
      state: RequestState;
      /** 1-based place in the queue while waiting. */
      position: number | null;
      /** null: no estimate (no recent history): "we will be with you as soon as possible". */
      estimatedWaitMs: number | null;
      detailsCount: number;
      handedOff: boolean;
      /** It waits longer than the organisation's target: the person is told so, calmly. */
      pastTarget: boolean;
      outcome: Outcome | null;
      /** Who took the request (verified by the server), once a consultant claimed it. */
      claimedBy: VerifiedIdentity | null;
      /** False while a lost connection is being re-established. */
      online: boolean;
      problem: RequestProblem | null;
    };

export const noRequest: HelpRequestState = { phase: 'none', problem: null };
