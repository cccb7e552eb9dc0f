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

  constructor(private readonly deps: ConsultantControlDeps) {
    this.heartbeat = setInterval(() => deps.send({ t: 'heartbeat' }), HEARTBEAT_INTERVAL_MS);
  }

  handle(raw: unknown): boolean {
    const parsed = toConsultantMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    if (message.t === 'control.status') this.deps.onStatus(message.status);
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
    this.deps.send({ t: 'control.release' });
  }

  input(event: InputEvent): void {
    this.deps.send({ t: 'input', seq: this.seq++, event });
  }

  dispose(): void {
    clearInterval(this.heartbeat);
  }
}
