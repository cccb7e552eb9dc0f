import type { AccountClient } from './account-client';

/** Turning on two-step sign-in (TOTP), one step at a time. */
export type TotpSetupState =
  | { phase: 'idle' }
  /** The password is asked again first; `problem` after a wrong one or too many. */
  | { phase: 'password'; busy: boolean; problem: { kind: 'wrong-password' } | { kind: 'too-many-attempts'; retryAfterMs: number } | null }
  /** The key to add to the authenticator app; `confirming` while the first code is checked; `wrongCodes` counts refused ones. */
  | { phase: 'scan'; secret: string; uri: string; confirming: boolean; wrongCodes: number }
  | { phase: 'enabled' }
  /** 'refused': already on (only the server's operator can reset it). 'lost': no connection or no answer. */
  | { phase: 'failed'; reason: 'refused' | 'lost' | 'failed' };

export interface TotpSetupDeps {
  account: Pick<AccountClient, 'request'>;
  getState(): TotpSetupState;
  setState(state: TotpSetupState): void;
}

/**
 * The consultant's side of totp.enrol / totp.confirm on their signed-in connection. The server
 * keeps the new key pending until a code from the app proves it was added correctly, so
 * abandoning half-way changes nothing.
 */
export class TotpSetup {
  /** Bumped by open() and close(): answers to an earlier setup change nothing. */
  private generation = 0;

  constructor(private readonly deps: TotpSetupDeps) {}

  open(): void {
    this.generation++;
    this.deps.setState({ phase: 'password', busy: false, problem: null });
  }

  async submitPassword(password: string): Promise<void> {
    const state = this.deps.getState();
    if (state.phase !== 'password' || state.busy) return;
    const generation = this.generation;
    this.deps.setState({ phase: 'password', busy: true, problem: null });
    const outcome = await this.deps.account.request({ type: 'totp.enrol', password }, 'totp.enrolment');
    if (generation !== this.generation) return;
    if (outcome.ok) return this.deps.setState({ phase: 'scan', secret: outcome.answer.secret, uri: outcome.answer.uri, confirming: false, wrongCodes: 0 });
    if (outcome.reason !== 'refused') return this.deps.setState({ phase: 'failed', reason: 'lost' });
    switch (outcome.code) {
      case 'invalid-credentials':
        return this.deps.setState({ phase: 'password', busy: false, problem: { kind: 'wrong-password' } });
      case 'too-many-attempts':
        return this.deps.setState({ phase: 'password', busy: false, problem: { kind: 'too-many-attempts', retryAfterMs: outcome.retryAfterMs ?? 1000 } });
      case 'forbidden':
        return this.deps.setState({ phase: 'failed', reason: 'refused' });
      default:
        return this.deps.setState({ phase: 'failed', reason: 'failed' });
    }
  }

  async confirm(code: string): Promise<void> {
    const state = this.deps.getState();
    if (state.phase !== 'scan' || state.confirming) return;
    const generation = this.generation;
    this.deps.setState({ ...state, confirming: true });
    const outcome = await this.deps.account.request({ type: 'totp.confirm', code }, 'totp.enabled');
    if (generation !== this.generation) return;
    if (outcome.ok) return this.deps.setState({ phase: 'enabled' });
    if (outcome.reason === 'refused' && outcome.code === 'invalid-totp') return this.deps.setState({ ...state, confirming: false, wrongCodes: state.wrongCodes + 1 });
    this.deps.setState({ phase: 'failed', reason: outcome.reason === 'refused' ? 'failed' : 'lost' });
  }

  close(): void {
    this.generation++;
    this.deps.setState({ phase: 'idle' });
  }
}

/** The key as people type it: groups of four. */
export function groupedKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
