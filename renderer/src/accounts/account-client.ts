import type { RequestRef } from '../../../shared/names';
import type { ClientMessage, ErrorCode, ServerMessage } from '../../../shared/signaling';
import { openIfStillWanted, type SignalingConnection, type SignalingHandlers } from '../session/signaling-client';
import { signedOut, type AccountState, type SignInProblem } from './account-state';

export interface AccountDeps {
  connect(url: string, handlers: SignalingHandlers): Promise<SignalingConnection>;
  serverUrl(): Promise<string>;
  getState(): AccountState;
  setState(state: AccountState): void;
  /** Waits between reconnection attempts (a timer in the app, immediate in tests). */
  sleep(ms: number): Promise<void>;
}

export interface AccountListener {
  onMessage(message: ServerMessage): void;
  /** The signed-in connection was replaced after a loss (re-subscribe) or is gone for good. */
  onReconnected?(): void;
  onLost?(): void;
}

const RECONNECT_DELAYS_MS = [500, 2000, 5000];
/** How long a question waits for its answer (a frame the server dropped as a flood gets none). */
export const REQUEST_TIMEOUT_MS = 15_000;

/** The messages that carry a `ref` and get exactly one answer or error back. */
type Question = Extract<ClientMessage, { type: 'totp.enrol' | 'totp.confirm' | 'audit.query' }>;
type WithoutRef<M> = M extends unknown ? Omit<M, 'ref'> : never;
type Answer<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** What became of a question: its answer, the server's refusal, or no answer at all. */
export type RequestOutcome<T extends ServerMessage['type']> =
  | { ok: true; answer: Answer<T> }
  | { ok: false; reason: 'refused'; code: ErrorCode; retryAfterMs?: number }
  /** offline: not connected, nothing was sent. lost: the connection went away. timeout: no answer in time. */
  | { ok: false; reason: 'offline' | 'lost' | 'timeout' };

interface PendingQuestion {
  answer: ServerMessage['type'];
  settle(outcome: RequestOutcome<ServerMessage['type']>): void;
}

/**
 * A consultant's signed-in connection to the server: login (with TOTP when asked), resume
 * after a lost connection, logout. The token is kept in this object's memory only, never in
 * localStorage or settings: a page script or another user of the machine cannot read it back,
 * and closing the window signs out. (The desktop app may later keep it with the host's
 * safeStorage.) The queue console and verified sessions use this connection through listeners.
 */
export class AccountClient {
  private connection: SignalingConnection | null = null;
  private token: string | null = null;
  private readonly listeners = new Set<AccountListener>();
  /** Bumped on every sign-in and sign-out, so answers meant for an older attempt are ignored. */
  private generation = 0;
  private lastRef = 0;
  /** Questions waiting for their answer, by the `ref` they were sent with. */
  private readonly questions = new Map<RequestRef, PendingQuestion>();

  constructor(private readonly deps: AccountDeps) {}

  /** The live signed-in connection, for a session started on it (null when signed out). */
  get signedInConnection(): SignalingConnection | null {
    return this.deps.getState().status === 'signed-in' ? this.connection : null;
  }

  listen(listener: AccountListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  send(message: ClientMessage): void {
    this.connection?.send(message);
  }

  /**
   * Asks the server one question on the signed-in connection and waits for its own answer
   * (matched by `ref`, so an answer to an abandoned question is never taken for a later one's).
   */
  request<T extends ServerMessage['type']>(question: WithoutRef<Question>, answer: T, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RequestOutcome<T>> {
    const connection = this.signedInConnection;
    if (!connection) return Promise.resolve({ ok: false, reason: 'offline' });
    this.lastRef = this.lastRef >= 2 ** 31 - 1 ? 1 : this.lastRef + 1;
    const ref = this.lastRef;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ ok: false, reason: 'timeout' }), timeoutMs);
      const settle = (outcome: RequestOutcome<ServerMessage['type']>) => {
        clearTimeout(timer);
        this.questions.delete(ref);
        resolve(outcome as RequestOutcome<T>);
      };
      this.questions.set(ref, { answer, settle });
      connection.send({ ...question, ref });
    });
  }

  /** Settles a question from its answer or error; false when the message answers none. */
  private settleQuestion(message: ServerMessage): boolean {
    const ref = 'ref' in message ? message.ref : undefined;
    const question = ref === undefined ? undefined : this.questions.get(ref);
    if (!question) return false;
    if (message.type === 'error') question.settle({ ok: false, reason: 'refused', code: message.code, ...(message.retryAfterMs === undefined ? {} : { retryAfterMs: message.retryAfterMs }) });
    else if (message.type === question.answer) question.settle({ ok: true, answer: message });
    else return false;
    return true;
  }

  private abandonQuestions(): void {
    for (const question of [...this.questions.values()]) question.settle({ ok: false, reason: 'lost' });
  }

  async signIn(email: string, password: string, totp?: string): Promise<void> {
    const needsTotp = totp !== undefined;
    this.deps.setState({ status: 'signing-in', needsTotp });
    const connection = this.connection ?? (await this.open(++this.generation));
    if (!connection) {
      this.deps.setState({ status: 'signed-out', problem: { kind: 'server-unreachable' }, needsTotp });
      return;
    }
    connection.send({ type: 'auth.login', email, password, ...(totp !== undefined ? { totp } : {}) });
  }

  /** Revokes the token on the server (everywhere) and forgets it here. */
  signOut(): void {
    this.generation++;
    this.connection?.send({ type: 'auth.logout' });
    this.drop();
    this.deps.setState(signedOut);
  }

  /** Back to the empty form after a TOTP prompt or an error. */
  cancelSignIn(): void {
    if (this.deps.getState().status === 'signed-in') return;
    this.generation++;
    this.drop();
    this.deps.setState(signedOut);
  }

  private drop(): void {
    this.abandonQuestions();
    this.token = null;
    const connection = this.connection;
    this.connection = null;
    connection?.close();
  }

  private async open(generation: number): Promise<SignalingConnection | null> {
    const connection = await openIfStillWanted(this.deps, () => generation === this.generation, {
      onMessage: (current, message) => this.onMessage(generation, current, message),
      onLost: (current) => void this.onLost(generation, current),
    });
    if (connection) this.connection = connection;
    return connection;
  }

  private onMessage(generation: number, connection: SignalingConnection, message: ServerMessage): void {
    if (generation !== this.generation || connection !== this.connection) return;
    const state = this.deps.getState();
    if (message.type === 'auth.ok') {
      if (message.token) this.token = message.token;
      // A resume (no count) keeps the count the password sign-in brought, until it is dismissed.
      const failedElsewhere = message.failedElsewhere ?? (state.status === 'signed-in' && state.consultant.id === message.consultant.id ? state.failedElsewhere : undefined);
      this.deps.setState({ status: 'signed-in', consultant: message.consultant, expiresAt: message.expiresAt, online: true, ...(failedElsewhere ? { failedElsewhere } : {}) });
      return;
    }
    if (message.type === 'error' && state.status === 'signing-in') {
      if (message.code === 'totp-required') {
        this.deps.setState({ status: 'signed-out', problem: null, needsTotp: true });
        return;
      }
      this.deps.setState({ status: 'signed-out', problem: signInProblem(message.code, message.retryAfterMs), needsTotp: state.needsTotp });
      return;
    }
    if (message.type === 'error' && message.code === 'unauthorized' && state.status === 'signed-in') {
      // The token expired or was revoked (signed out elsewhere): sign out here too.
      this.signOutLocally({ kind: 'expired' });
      return;
    }
    if (state.status !== 'signed-in') return;
    if (message.type === 'totp.enabled') this.deps.setState({ ...state, consultant: { ...state.consultant, totpEnabled: true } });
    if (this.settleQuestion(message)) return;
    for (const listener of this.listeners) listener.onMessage(message);
  }

  private async onLost(generation: number, lost: SignalingConnection): Promise<void> {
    if (generation !== this.generation || lost !== this.connection) return;
    this.connection = null;
    this.abandonQuestions();
    for (const listener of this.listeners) listener.onLost?.();
    const state = this.deps.getState();
    if (state.status !== 'signed-in' || this.token === null) {
      this.deps.setState({ status: 'signed-out', problem: { kind: 'connection-lost' }, needsTotp: false });
      return;
    }
    this.deps.setState({ ...state, online: false });
    for (const delay of RECONNECT_DELAYS_MS) {
      await this.deps.sleep(delay);
      if (generation !== this.generation) return;
      const connection = await this.open(generation);
      if (!connection || this.token === null) continue;
      connection.send({ type: 'auth.resume', token: this.token });
      for (const listener of this.listeners) listener.onReconnected?.();
      return;
    }
    if (generation === this.generation) this.signOutLocally({ kind: 'connection-lost' });
  }

  private signOutLocally(problem: SignInProblem): void {
    this.generation++;
    this.drop();
    this.deps.setState({ status: 'signed-out', problem, needsTotp: false });
  }
}

function signInProblem(code: string, retryAfterMs: number | undefined): SignInProblem {
  switch (code) {
    case 'invalid-credentials':
    case 'invalid-totp':
    case 'busy':
      return { kind: code };
    case 'too-many-attempts':
      return { kind: 'too-many-attempts', retryAfterMs: retryAfterMs ?? 1000 };
    default:
      return { kind: 'protocol' };
  }
}
