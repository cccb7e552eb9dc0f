import type { ClientMessage, ServerMessage } from '../../../shared/signaling';
import type { AccountListener } from './account-client';

/** Turning on two-step sign-in (TOTP), one step at a time. */
export type TotpSetupState =
  | { phase: 'idle' }
  | { phase: 'requesting' }
  /** The key to add to the authenticator app; `confirming` while the first code is checked. */
  | { phase: 'scan'; secret: string; uri: string; confirming: boolean; problem: 'invalid-code' | null }
  | { phase: 'enabled' }
  /** 'refused': already on (only the server's operator can reset it). 'lost': the connection went away. */
  | { phase: 'failed'; reason: 'refused' | 'lost' | 'failed' };

export interface TotpSetupDeps {
  account: { send(message: ClientMessage): void; listen(listener: AccountListener): () => void };
  getState(): TotpSetupState;
  setState(state: TotpSetupState): void;
}

/**
 * The consultant's side of totp.enrol / totp.confirm on their signed-in connection. The server
 * keeps the new key pending until a code from the app proves it was added correctly, so
 * abandoning half-way changes nothing.
 */
export class TotpSetup {
  private unlisten: (() => void) | null = null;

  constructor(private readonly deps: TotpSetupDeps) {}

  start(): void {
    this.unlisten ??= this.deps.account.listen({ onMessage: (message) => this.onMessage(message), onLost: () => this.onLost() });
    this.deps.setState({ phase: 'requesting' });
    this.deps.account.send({ type: 'totp.enrol' });
  }

  confirm(code: string): void {
    const state = this.deps.getState();
    if (state.phase !== 'scan' || state.confirming) return;
    this.deps.setState({ ...state, confirming: true, problem: null });
    this.deps.account.send({ type: 'totp.confirm', code });
  }

  close(): void {
    this.unlisten?.();
    this.unlisten = null;
    this.deps.setState({ phase: 'idle' });
  }

  private onMessage(message: ServerMessage): void {
    const state = this.deps.getState();
    if (state.phase === 'idle') return;
    switch (message.type) {
      case 'totp.enrolment':
        if (state.phase === 'requesting') this.deps.setState({ phase: 'scan', secret: message.secret, uri: message.uri, confirming: false, problem: null });
        return;
      case 'totp.enabled':
        if (state.phase === 'scan') this.deps.setState({ phase: 'enabled' });
        return;
      case 'error':
        if (message.replyTo === 'totp.confirm' && state.phase === 'scan') {
          this.deps.setState(message.code === 'invalid-totp' ? { ...state, confirming: false, problem: 'invalid-code' } : { phase: 'failed', reason: 'failed' });
        } else if (message.replyTo === 'totp.enrol' && state.phase === 'requesting') {
          this.deps.setState({ phase: 'failed', reason: message.code === 'forbidden' ? 'refused' : 'failed' });
        }
        return;
      default:
        return;
    }
  }

  private onLost(): void {
    const state = this.deps.getState();
    if (state.phase === 'requesting' || state.phase === 'scan') this.deps.setState({ phase: 'failed', reason: 'lost' });
  }
}

/** The key as people type it: groups of four. */
export function groupedKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
