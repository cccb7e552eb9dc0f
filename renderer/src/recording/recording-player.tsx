import { useEffect, useMemo } from 'react';
import type { TimelineLine } from '../../../shared/recording';
import type { MessageKey } from '../i18n/i18n';
import { useT } from '../i18n/language-store';
import type { StoredRecording } from './recording-vault';

const EVENT_KEYS = {
  'recording.started': 'recording.timeline.recording.started',
  'recording.stopped': 'recording.timeline.recording.stopped',
  'recording.held': 'recording.timeline.recording.held',
  'recording.resumed': 'recording.timeline.recording.resumed',
  'voice.on': 'recording.timeline.voice.on',
  'voice.off': 'recording.timeline.voice.off',
  'control.on': 'recording.timeline.control.on',
  'control.off': 'recording.timeline.control.off',
  'sharing.paused': 'recording.timeline.sharing.paused',
  'sharing.resumed': 'recording.timeline.sharing.resumed',
} as const satisfies Record<Extract<TimelineLine, { kind: 'event' }>['event'], MessageKey>;

const clock = (ms: number) => {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/** One recording: the video with the browser's own (keyboard-accessible) controls, and its timeline beside it. */
export function RecordingPlayer({ recording, onClose }: { recording: StoredRecording; onClose: () => void }) {
  const t = useT();
  const url = useMemo(() => URL.createObjectURL(recording.video), [recording]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const describe = (line: TimelineLine) =>
    line.kind === 'chat' ? `${line.from === 'consultant' ? t('recording.timeline.you') : t('recording.timeline.person')}: ${line.text}` : t(EVENT_KEYS[line.event]);
  return (
    <section className="recording-player" aria-label={t('recording.playerTitle', { name: recording.meta.peerName || '—' })} data-testid="recording-player">
      <video src={url} controls autoPlay muted data-testid="recording-video" aria-label={t('recording.videoLabel', { name: recording.meta.peerName || '—' })} />
      {recording.timeline.length > 0 && (
        <ol className="recording-timeline" aria-label={t('recording.timelineTitle')} data-testid="recording-timeline">
          {recording.timeline.map((line, index) => (
            <li key={index}>
              <span className="muted">{clock(line.at)}</span> {describe(line)}
            </li>
          ))}
        </ol>
      )}
      <button type="button" onClick={onClose}>
        {t('recording.closePlayer')}
      </button>
    </section>
  );
}
