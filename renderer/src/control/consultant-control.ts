import {
  HEARTBEAT_INTERVAL_MS,
  toConsultantMessageSchema,
  type ControlStatus,
  type DropReason,
  type InputEvent,
  type ToUserMessage,
} from '../../../shared/control';

import { useScreensStore } from './screens-store';

export interface ConsultantControlDeps {
  send: (message: ToUserMessage) => void;
  onStatus: (status: ControlStatus) => void;
  onDropped: (counts: Partial<Record<DropReason, number>>) => void;
}

/**
 * The consultant's end of remote control: asks, sends numbered input events, and keeps the
 * heartbeat going. The heartbeat is what lets the user's host revoke control within two
 * seconds when this side dies or loses the network.
 */
export class ConsultantControl {
  private seq = 0;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private status: ControlStatus = { state: 'view-only' };
  /** Control was on (or asked for) when the connection was lost: it is asked for again once it is back. */
  private askAgain = false;

  constructor(private readonly deps: ConsultantControlDeps) {
    this.heartbeat = setInterval(() => deps.send({ t: 'heartbeat' }), HEARTBEAT_INTERVAL_MS);
  }

  handle(raw: unknown): boolean {
    const parsed = toConsultantMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    if (message.t === 'control.status') this.setStatus(message.status);
    else if (message.t === 'input.dropped') this.deps.onDropped(message.counts);
    else useScreensStore.getState().set({ screens: message.screens, current: message.current });
    return true;
  }

  request(): void {
    this.deps.send({ t: 'heartbeat' });
    this.deps.send({ t: 'control.request' });
  }

  /** Asks the user to share another of their screens. */
  requestScreen(id: string): void {
    this.deps.send({ t: 'screen.request', id });
  }

  release(): void {
    this.askAgain = false;
    this.deps.send({ t: 'control.release' });
  }

  /**
   * The user's host stops control on a loss (its dead-man switch, or the user's app itself);
   * this side shows it at once. Once back, the request is made again and stays pending until
   * the user allows it: control never comes back silently.
   */
  onLink(event: 'lost' | 'back'): void {
    if (event === 'lost') {
      if (this.status.state === 'granted' || this.status.state === 'requested') {
        this.askAgain = true;
        this.setStatus({ state: 'view-only', reason: 'heartbeat-lost' });
      }
      return;
    }
    if (!this.askAgain) return;
    this.askAgain = false;
    this.request();
    this.setStatus({ state: 'requested' });
  }

  private setStatus(status: ControlStatus): void {
    this.status = status;
    this.deps.onStatus(status);
  }

  input(event: InputEvent): void {
    this.deps.send({ t: 'input', seq: this.seq++, event });
  }

  dispose(): void {
    clearInterval(this.heartbeat);
  }
}
