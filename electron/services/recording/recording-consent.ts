/**
 * The user's yes or no to a recording, asked in a native prompt of the host (like control and
 * repairs: web content can neither draw nor answer it). The managed policy decides first:
 * 'forbidden' refuses without asking anyone; otherwise the person always decides, 'required'
 * only changes what the prompt says.
 */
import type { Logger } from '../../../shared/log';
import type { RecordingAnswer } from '../../../shared/host-api';
import type { RecordingMode } from '../../../shared/recording';

export interface RecordingPrompter {
  /** true: the person allowed it. The signal withdraws the prompt (a refusal). */
  ask(request: { consultantName: string; required: boolean }, signal: AbortSignal): Promise<boolean>;
}

export interface RecordingConsent {
  ask(consultantName: string): Promise<RecordingAnswer>;
  /** Withdraws a prompt still showing (the session ended, or the consultant gave up). */
  withdraw(): void;
}

export function createRecordingConsent(deps: { mode: () => RecordingMode; prompter: RecordingPrompter; log: Logger }): RecordingConsent {
  let pending: AbortController | null = null;
  return {
    async ask(consultantName) {
      const mode = deps.mode();
      if (mode === 'forbidden') {
        deps.log.info('recording.refused', { reason: 'not-allowed' });
        return { granted: false, reason: 'not-allowed' };
      }
      // One prompt at a time: a second request while one shows is refused, never stacked.
      if (pending) return { granted: false, reason: 'busy' };
      const controller = new AbortController();
      pending = controller;
      try {
        const allowed = await deps.prompter.ask({ consultantName, required: mode === 'required' }, controller.signal);
        // A withdrawn prompt is a refusal even if a click raced the withdrawal.
        const granted = allowed && !controller.signal.aborted;
        deps.log.info(granted ? 'recording.granted' : 'recording.declined', {});
        return granted ? { granted: true } : { granted: false, reason: 'declined' };
      } catch (error) {
        deps.log.warn('recording.prompt-failed', { reason: String(error) });
        return { granted: false, reason: 'declined' };
      } finally {
        if (pending === controller) pending = null;
      }
    },
    withdraw() {
      pending?.abort();
      pending = null;
    },
  };
}
