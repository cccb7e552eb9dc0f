import { useEffect, useState } from 'react';
import type { SessionReport } from '../../../shared/report';
import { ScreenHeading } from '../components/screen-heading';
import { getHost } from '../host/host';
import { useLanguageStore, useT } from '../i18n/language-store';
import { RecordingsList } from '../recording/recordings-list';
import { ReportSummary } from './report-summary';

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; reports: SessionReport[] };

/** The reports kept on this computer, newest first; one opens in the same summary as at the end of a session. */
export function PastSessions({ onClose }: { onClose: () => void }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [open, setOpen] = useState<SessionReport | null>(null);

  useEffect(() => {
    let current = true;
    getHost()
      .reports.list()
      .then((reports) => current && setLoaded({ state: 'ready', reports }))
      .catch(() => current && setLoaded({ state: 'failed' }));
    return () => {
      current = false;
    };
  }, []);

  if (open) {
    return (
      <>
        <button type="button" className="link back" onClick={() => setOpen(null)}>
          ← {t('history.backToList')}
        </button>
        <ReportSummary report={open} />
      </>
    );
  }

  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="panel" data-testid="past-sessions">
      <ScreenHeading>{t('history.title')}</ScreenHeading>
      <p className="muted">{t('history.localOnly')}</p>
      {loaded.state === 'loading' && <p role="status">{t('history.loading')}</p>}
      {loaded.state === 'failed' && <p className="problem">{t('history.failed')}</p>}
      {loaded.state === 'ready' && loaded.reports.length === 0 && <p>{t('history.empty')}</p>}
      {loaded.state === 'ready' && loaded.reports.length > 0 && (
        <ul className="past-sessions">
          {loaded.reports.map((report) => (
            <li key={report.id}>
              <button type="button" className="link" onClick={() => setOpen(report)}>
                {t('history.entry', {
                  date: date.format(report.startedAt),
                  name: report.peerName || '—',
                  category: report.category ? t(`category.${report.category}`) : t('report.categoryNone'),
                })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <RecordingsList />
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('common.back')}
        </button>
      </div>
    </section>
  );
}
