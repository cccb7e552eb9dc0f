import type { AppAuditEvent } from '../../../shared/audit';
import type { HostApi } from '../../../shared/host-api';
import { toUserRecordingSchema, type RecordingMode, type ToConsultantRecording } from '../../../shared/recording';
import type { SessionFeature } from '../session/session-feature';
import { useRecordingStore } from './recording-store';

/**
 * The user's end of recording: says what the organisation's policy allows, asks the person
 * through the host's native prompt, shows that recording is on, and stops it on one click.
 * The user's app is the witness of consent: it reports the yes, the no and the stop.
 */
export class UserRecording implements SessionFeature {
  constructor(
    private readonly deps: {
      host: Pick<HostApi, 'recording'>;
      consultantName: string;
      mode: RecordingMode;
      send: (message: ToConsultantRecording) => void;
      audit: (event: AppAuditEvent) => void;
    },
  ) {
    useRecordingStore.getState().reset();
    deps.send({ t: 'recording.policy', mode: deps.mode });
  }

  handle(raw: unknown): boolean {
    const parsed = toUserRecordingSchema.safeParse(raw);
    if (!parsed.success) return false;
    if (parsed.data.t === 'recording.request') void this.ask();
    else if (parsed.data.t === 'recording.confirm') this.confirm();
    else if (useRecordingStore.getState().phase === 'on') {
      useRecordingStore.getState().set({ phase: 'off', outcome: null });
      this.deps.audit({ type: 'consent.revoked', scope: 'recording' });
    }
    return true;
  }

  /** "Stop recording": the consultant's recorder stops as soon as the message arrives. */
  stop(): void {
    if (useRecordingStore.getState().phase !== 'on') return;
    useRecordingStore.getState().set({ phase: 'off', outcome: 'stopped-by-user' });
    this.deps.send({ t: 'recording.stopped' });
    this.deps.audit({ type: 'consent.revoked', scope: 'recording' });
  }

  /**
   * The consultant's recorder held while the link was lost (a stop might not have reached it):
   * this side's answer again, still yes or stopped meanwhile.
   */
  private confirm(): void {
    const phase = useRecordingStore.getState().phase;
    if (phase === 'on') this.deps.send({ t: 'recording.granted' });
    else if (phase === 'off') this.deps.send({ t: 'recording.stopped' });
  }

  dispose(): void {
    void this.deps.host.recording.withdraw().catch(() => undefined);
    useRecordingStore.getState().reset();
  }

  private async ask(): Promise<void> {
    const store = useRecordingStore.getState();
    if (store.phase !== 'off') return;
    store.set({ phase: 'asking', outcome: null });
    const answer = await this.deps.host.recording.ask({ consultantName: this.deps.consultantName }).catch(() => ({ granted: false as const, reason: 'declined' as const }));
    if (useRecordingStore.getState().phase !== 'asking') return;
    if (answer.granted) {
      useRecordingStore.getState().set({ phase: 'on' });
      this.deps.audit({ type: 'consent.given', scope: 'recording' });
      this.deps.send({ t: 'recording.granted' });
    } else {
      useRecordingStore.getState().set({ phase: 'off', outcome: answer.reason });
      this.deps.audit({ type: 'recording.refused', reason: answer.reason });
      this.deps.send({ t: 'recording.refused', reason: answer.reason });
    }
  }
}
