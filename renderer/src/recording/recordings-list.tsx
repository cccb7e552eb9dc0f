import { useEffect, useState } from 'react';
import type { RecordingAction, RecordingMeta } from '../../../shared/recording';
import { useLanguageStore, useT } from '../i18n/language-store';
import { usePolicyStore } from '../policy/policy-store';
import { RecordingPlayer } from './recording-player';
import { timelineJsonLines, type StoredRecording } from './recording-vault';
import { applyRetention, auditRecording, recordingVault } from './recordings';

type Loaded = { state: 'loading' } | { state: 'ready'; recordings: RecordingMeta[] };

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The session recordings this app keeps, with play, export and delete. Each of those waits
 * until the server's audit trail has it; recordings past the organisation's retention are
 * deleted (and audited) when the list opens.
 */
export function RecordingsList() {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const retentionDays = usePolicyStore((store) => store.policy.recording.retentionDays);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [playing, setPlaying] = useState<StoredRecording | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((current) => current + 1);
  useEffect(() => {
    let current = true;
    void applyRetention(retentionDays)
      .catch(() => 0)
      .then(() => recordingVault().list())
      .catch(() => [])
      .then((recordings) => current && setLoaded({ state: 'ready', recordings }));
    return () => {
      current = false;
    };
  }, [retentionDays, version]);

  const act = async (action: RecordingAction, recording: RecordingMeta) => {
    setProblem(null);
    if (!(await auditRecording(action, recording, action === 'deleted' ? 'consultant' : undefined))) {
      setProblem(t('recording.auditUnavailable'));
      return;
    }
    if (action === 'deleted') {
      await recordingVault().remove(recording.id);
      refresh();
      return;
    }
    const stored = await recordingVault().read(recording.id);
    if (!stored) return;
    if (action === 'played') setPlaying(stored);
    else {
      const base = `tandem-recording-${new Date(recording.startedAt).toISOString().slice(0, 19).replace(/:/g, '-')}`;
      download(`${base}.webm`, stored.video);
      download(`${base}.jsonl`, new Blob([timelineJsonLines(stored.timeline)], { type: 'application/x-ndjson' }));
    }
  };

  if (loaded.state === 'loading' || loaded.recordings.length === 0) return null;
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="recordings" aria-labelledby="recordings-title" data-testid="recordings">
      <h2 id="recordings-title">{t('recording.listTitle')}</h2>
      <p className="muted">{t('recording.retention', { days: retentionDays })}</p>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {playing && <RecordingPlayer recording={playing} onClose={() => setPlaying(null)} />}
      <ul className="past-sessions">
        {loaded.recordings.map((recording) => {
          const label = t('recording.entry', {
            date: date.format(recording.startedAt),
            name: recording.peerName || '—',
            seconds: Math.round(((recording.endedAt ?? recording.startedAt) - recording.startedAt) / 1000),
          });
          return (
            <li key={recording.id} data-testid="recording-entry">
              <span>{label}</span>
              {recording.endedAt === null && <span className="muted"> · {t('recording.unfinished')}</span>}{' '}
              <button type="button" onClick={() => void act('played', recording)} aria-label={t('recording.playLabel', { entry: label })}>
                {t('recording.play')}
              </button>{' '}
              <button type="button" onClick={() => void act('exported', recording)} aria-label={t('recording.exportLabel', { entry: label })}>
                {t('recording.export')}
              </button>{' '}
              <button type="button" className="danger" onClick={() => void act('deleted', recording)} aria-label={t('recording.deleteLabel', { entry: label })}>
                {t('recording.delete')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
