import { useT } from '../i18n/language-store';
import { userRecording } from './active-recording';
import { useRecordingStore } from './recording-store';

/**
 * User side: for as long as the session is recorded, a banner that says so and a one-click
 * "Stop recording". The status line is a live region that stays mounted, so a screen reader
 * hears when recording starts and when it stops.
 */
export function RecordingIndicator({ peerName }: { peerName: string }) {
  const t = useT();
  const phase = useRecordingStore((store) => store.phase);
  const outcome = useRecordingStore((store) => store.outcome);
  const status =
    phase === 'on' ? t('recording.userOn', { name: peerName }) : phase === 'asking' ? t('recording.userAsking', { name: peerName }) : outcome === 'stopped-by-user' ? t('recording.userStopped') : '';
  return (
    <section className={phase === 'on' ? 'recording-banner' : 'recording-status'} aria-label={t('recording.title')} data-testid="recording-indicator" data-phase={phase}>
      <p role="status" className={phase === 'on' ? 'sharing-title' : 'muted'}>
        {phase === 'on' && <span className="dot recording" aria-hidden="true" />}
        {status}
      </p>
      {phase === 'on' && (
        <button type="button" className="danger" onClick={() => userRecording()?.stop()} data-testid="stop-recording">
          {t('recording.stop')}
        </button>
      )}
    </section>
  );
}
