import { useT } from '../i18n/language-store';
import { consultantRecorder } from './active-recording';
import { useRecordingStore } from './recording-store';

/** Consultant side: ask to record, see where it stands, stop; says plainly when the person's organisation forbids it. */
export function RecordingControls() {
  const t = useT();
  const { phase, peerMode, outcome } = useRecordingStore();
  const message =
    phase === 'on'
      ? t('recording.consultantOn')
      : phase === 'asking'
        ? t('recording.consultantAsking')
        : peerMode === 'forbidden'
          ? t('recording.forbidden')
          : outcome
            ? t(`recording.outcome.${outcome}`)
            : '';
  return (
    <section className="recording-controls" aria-label={t('recording.title')} data-testid="recording-controls" data-phase={phase}>
      <p role="status" className={phase === 'on' ? 'badge recording-live' : 'muted'} data-testid="recording-status" data-outcome={outcome ?? ''}>
        {phase === 'on' && <span className="dot recording" aria-hidden="true" />}
        {message}
      </p>
      {phase === 'on' ? (
        <button type="button" onClick={() => void consultantRecorder()?.end()} data-testid="consultant-stop-recording">
          {t('recording.stop')}
        </button>
      ) : (
        peerMode !== 'forbidden' &&
        peerMode !== null && (
          <button type="button" onClick={() => consultantRecorder()?.request()} disabled={phase === 'asking'} data-testid="start-recording">
            {t('recording.start')}
          </button>
        )
      )}
    </section>
  );
}
