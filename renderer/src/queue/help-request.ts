import type { DiagnosticsReport } from '../../../shared/diagnostics';
import type { Intake } from '../../../shared/intake';
import type { RequestCategory } from '../../../shared/queue';
import type { ErrorCode, ServerMessage } from '../../../shared/signaling';
import { openIfStillWanted, type SignalingConnection, type SignalingHandlers } from '../session/signaling-client';
import { noRequest, type HelpRequestState, type RequestProblem } from './help-request-state';

export interface NewHelpRequest {
  organisation: string;
  category: RequestCategory;
  /** Optional when the intake has answers. */
  description?: string;
  contactName: string;
  diagnostics?: DiagnosticsReport;
  intake?: Intake;
}

export interface HelpRequestDeps {
  connect(url: string, handlers: SignalingHandlers): Promise<SignalingConnection>;
  serverUrl(): Promise<string>;
  getState(): HelpRequestState;
  setState(state: HelpRequestState): void;
  /** A consultant took the request: join their session with this code (the user still consents). */
  join(code: string): void;
  sleep(ms: number): Promise<void>;
}

const RECONNECT_DELAYS_MS = [1000, 3000, 5000, 10_000];

const PROBLEMS: Partial<Record<ErrorCode, RequestProblem>> = {
  'unknown-organisation': 'unknown-organisation',
  'rate-limited': 'rate-limited',
  'queue-full': 'queue-full',
  'too-many-waiting': 'too-many-waiting',
  'limit-reached': 'limit-reached',
  // Only request.watch answers this: the link from an e-mail names a request that is gone (or a wrong token).
  'not-found': 'request-gone',
};

/**
 * The user's side of a help request, on its own connection: submit, follow the position and
 * estimate, add details, cancel, and hand over to the usual session flow when a consultant
 * takes it. The resume token stays in memory: after a lost connection the request is watched
 * again on a new one; it is not kept across restarts of the app.
 */
export class HelpRequestClient {
  private connection: SignalingConnection | null = null;
  private resume: { requestId: string; token: string } | null = null;
  /** Bumped by leave(), so a late answer for an abandoned request is ignored. */
  private generation = 0;

  constructor(private readonly deps: HelpRequestDeps) {}

  async submit(request: NewHelpRequest): Promise<void> {
    const connection = await this.start();
    connection?.send({ type: 'request.submit', ...request });
  }

  /** Leaves whatever was followed, shows "submitting" and opens a connection; null (and the problem shown) when the server cannot be reached. */
  private async start(): Promise<SignalingConnection | null> {
    this.leave();
    const generation = this.generation;
    this.deps.setState({ phase: 'submitting' });
    const connection = await this.open(generation);
    if (!connection && generation === this.generation) this.deps.setState({ phase: 'none', problem: 'server-unreachable' });
    return connection;
  }

  /**
   * Follows a request that was sent another way: the link in the e-mail that acknowledged it
   * (tandem://request/<id>/<token>). From then on it is followed like one sent from the app.
   */
  async follow(requestId: string, resumeToken: string): Promise<void> {
    const connection = await this.start();
    if (!connection) return;
    this.resume = { requestId, token: resumeToken };
    connection.send({ type: 'request.watch', requestId, resumeToken });
  }

  addDetails(text: string): void {
    this.patchOpen({ problem: null });
    this.connection?.send({ type: 'request.add-details', text });
  }

  cancel(): void {
    this.connection?.send({ type: 'request.cancel' });
  }

  /** Stops following the request here (it stays in the queue unless cancelled). */
  leave(): void {
    this.generation++;
    this.resume = null;
    const connection = this.connection;
    this.connection = null;
    connection?.close();
    this.deps.setState(noRequest);
  }

  private patchOpen(change: Partial<Extract<HelpRequestState, { phase: 'open' }>>): void {
    const state = this.deps.getState();
    if (state.phase === 'open') this.deps.setState({ ...state, ...change });
  }

  private async open(generation: number): Promise<SignalingConnection | null> {
    const connection = await openIfStillWanted(this.deps, () => generation === this.generation, {
      onMessage: (current, message) => {
        if (current === this.connection) this.onMessage(message);
      },
      onLost: (current) => {
        if (current === this.connection) void this.reconnect(generation);
      },
    });
    if (connection) this.connection = connection;
    return connection;
  }

  private onMessage(message: ServerMessage): void {
    const state = this.deps.getState();
    switch (message.type) {
      case 'request.submitted':
        this.resume = { requestId: message.requestId, token: message.resumeToken };
        this.deps.setState(openRequest(message.requestId, message.organisation));
        return;
      case 'request.watching':
        if (state.phase === 'submitting' && this.resume?.requestId === message.requestId) {
          this.deps.setState(openRequest(message.requestId, message.organisation));
        }
        return;
      case 'request.status':
        this.patchOpen({
          state: message.state,
          position: message.position,
          estimatedWaitMs: message.estimatedWaitMs,
          detailsCount: message.detailsCount,
          handedOff: message.handedOff,
          pastTarget: message.pastTarget,
          outcome: message.outcome,
          online: true,
          // Handed to a colleague: nobody holds it any more until they claim it.
          ...(message.state === 'waiting' ? { claimedBy: null } : {}),
        });
        return;
      case 'request.claimed':
        this.patchOpen({ claimedBy: message.verified, state: 'claimed', position: null, estimatedWaitMs: null });
        this.deps.join(message.code);
        return;
      case 'error':
        if (state.phase === 'submitting') {
          this.leave();
          this.deps.setState({ phase: 'none', problem: PROBLEMS[message.code] ?? 'protocol' });
        } else if (state.phase === 'open') {
          this.patchOpen({ problem: PROBLEMS[message.code] ?? 'protocol' });
        }
        return;
      default:
        return;
    }
  }

  private async reconnect(generation: number): Promise<void> {
    this.connection = null;
    const resume = this.resume;
    if (!resume) {
      if (generation === this.generation) this.deps.setState({ phase: 'none', problem: 'server-unreachable' });
      return;
    }
    this.patchOpen({ online: false });
    for (const delay of RECONNECT_DELAYS_MS) {
      await this.deps.sleep(delay);
      if (generation !== this.generation) return;
      const connection = await this.open(generation);
      if (!connection) continue;
      connection.send({ type: 'request.watch', requestId: resume.requestId, resumeToken: resume.token });
      return;
    }
    if (generation === this.generation) this.patchOpen({ problem: 'server-unreachable' });
  }
}

/** A request just sent, or just found again by its link: waiting, until its first status says more. */
function openRequest(requestId: string, organisation: string): Extract<HelpRequestState, { phase: 'open' }> {
  return { phase: 'open', requestId, organisation, state: 'waiting', position: null, estimatedWaitMs: null, detailsCount: 0, handedOff: false, pastTarget: false, outcome: null, claimedBy: null, online: true, problem: null };
}
