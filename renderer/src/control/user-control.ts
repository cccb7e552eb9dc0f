import {
  sequencedInputSchema,
  toUserMessageSchema,
  type ControlStatus,
  type DropReason,
  type SequencedInput,
  type ToConsultantMessage,
} from '../../../shared/control';
import { hostEventSchema, type HostApi } from '../../../shared/host-api';
import { useScreensStore } from './screens-store';

/** How often the user's side tells the consultant which of their events were refused. */
const DROP_REPORT_INTERVAL_MS = 1000;
/** Unanswered events at most; a consultant cannot make this side buffer without bound. */
const MAX_PENDING_INPUTS = 256;

export interface UserControlDeps {
  host: HostApi;
  consultantName: string;
  send: (message: ToConsultantMessage) => void;
  onStatus: (status: ControlStatus) => void;
  /**
   * The policy may want the safety code confirmed before the consent prompt is even offered:
   * while `required()`, a request is held, and `held` gets the way to offer it once confirmed.
   */
  safetyCode?: { required(): boolean; held(offer: () => void): void };
}

/**
 * The user's end of remote control. It only relays: every decision (consent, dead-man,
 * sequence, rate) is taken by the host, which the page cannot overrule.
 */
export class UserControl {
  private readonly unsubscribe: () => void;
  private readonly reportTimer: ReturnType<typeof setInterval>;
  private pendingDrops: Partial<Record<DropReason, number>> = {};
  private disposed = false;
  /** Events handed to the host and not answered yet. */
  private inFlight = 0;
  private status: ControlStatus = { state: 'view-only' };
  /** Control was stopped because the connection was lost (shown as such, not as a pause). */
  private stoppedByLoss = false;

  constructor(private readonly deps: UserControlDeps) {
    this.unsubscribe = deps.host.events.subscribe((raw) => {
      const event = hostEventSchema.safeParse(raw);
      if (event.success && event.data.type === 'control.status') this.publish(event.data.status);
    });
    this.reportTimer = setInterval(() => this.reportDrops(), DROP_REPORT_INTERVAL_MS);
  }

  /** One data-channel message from the consultant; false when it is not a control message. */
  handle(raw: unknown): boolean {
    const parsed = toUserMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    if (this.disposed) return true;
    const message = parsed.data;
    switch (message.t) {
      case 'input': {
        const input = sequencedInputSchema.safeParse({ seq: message.seq, event: message.event });
        if (!input.success) {
          this.countDrop('invalid');
          return true;
        }
        this.forward(input.data);
        return true;
      }
      case 'control.request':
        this.stoppedByLoss = false;
        if (this.deps.safetyCode?.required()) this.deps.safetyCode.held(() => this.offerControl());
        else this.offerControl();
        return true;
      case 'control.release':
        void this.deps.host.control.release({ reason: 'released' }).then((status) => this.publish(status));
        return true;
      case 'heartbeat':
        void this.deps.host.control.heartbeat();
        return true;
      case 'screen.request':
        // Only a screen the user has is asked about; the user answers in the app.
        if (useScreensStore.getState().screens.some((screen) => screen.id === message.id)) useScreensStore.getState().set({ requested: message.id });
        return true;
    }
  }

  private offerControl(): void {
    if (this.disposed) return;
    void this.deps.host.control.request({ consultantName: this.deps.consultantName }).then((status) => this.publish(status));
  }

  /** The user's own "Take back control" button. */
  async revoke(): Promise<void> {
    this.publish(await this.deps.host.control.release({ reason: 'revoked' }));
  }

  /**
   * The connection was lost: control stops here at once, without waiting for the host's
   * dead-man switch (which still stops it when this page cannot). It only comes back through
   * a new request that the user allows.
   */
  onLink(event: 'lost' | 'back'): void {
    if (event !== 'lost' || (this.status.state !== 'granted' && this.status.state !== 'requested')) return;
    this.stoppedByLoss = true;
    // The consultant's beats or the path stopped: the same cause as the host's dead-man switch.
    void this.deps.host.control
      .release({ reason: 'heartbeat-lost' })
      .then((status) => this.publish(status))
      .catch(() => undefined);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    clearInterval(this.reportTimer);
    await this.deps.host.control.release({ reason: 'session-ended' }).catch(() => undefined);
  }

  /**
   * Hands each event to the host at once, without waiting for the previous one's answer: a
   * round trip per event would put every click behind the pointer moves before it. Order
   * still holds: the host takes calls in the order they were sent (one IPC pipe), injects
   * one at a time, and its sequence check drops anything that would arrive late. What is
   * still unanswered is bounded: beyond it events are dropped as a flood.
   */
  private forward(input: SequencedInput): void {
    if (this.inFlight >= MAX_PENDING_INPUTS) {
      this.countDrop('flood');
      return;
    }
    this.inFlight += 1;
    this.deps.host.control
      .input(input)
      .then(
        (result) => {
          if (!result.injected) this.countDrop(result.dropped);
        },
        () => this.countDrop('invalid'),
      )
      .finally(() => {
        this.inFlight -= 1;
      });
  }

  private publish(reported: ControlStatus): void {
    // The host knows only that control was released; the person is told why.
    const status: ControlStatus = this.stoppedByLoss && reported.state !== 'granted' && reported.state !== 'requested' ? { state: reported.state, reason: 'heartbeat-lost' } : reported;
    if (this.disposed && status.state === 'granted') return;
    this.status = status;
    this.deps.onStatus(status);
    this.deps.send({ t: 'control.status', status });
  }

  private countDrop(reason: DropReason): void {
    this.pendingDrops[reason] = (this.pendingDrops[reason] ?? 0) + 1;
  }

  private reportDrops(): void {
    if (Object.keys(this.pendingDrops).length === 0) return;
    this.deps.send({ t: 'input.dropped', counts: this.pendingDrops });
    this.pendingDrops = {};
  }
}
