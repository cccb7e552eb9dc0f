import type { QueueItem } from '../../../../shared/queue';
import type { DiagnosticsSummary } from '../../../../shared/queue-diagnostics';
import { useLanguageStore, useT } from '../../i18n/language-store';
import { durationText } from '../../queue/duration';
import { categoryLabel, WaitMarker } from './wait-marker';

/** The diagnostics a user attached, in one line plus the first problems. */
export function DiagnosticsLine({ summary }: { summary: DiagnosticsSummary | null }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  if (!summary) return <p className="muted">{t('queue.noDiagnostics')}</p>;
  return (
    <div className="diagnostics-line" data-testid="diagnostics-summary">
      <p>{t('queue.diagnosticsCounts', { fail: summary.fail, warn: summary.warn, ok: summary.ok, platform: summary.platform })}</p>
      {summary.problems.length > 0 && (
        <ul>
          {summary.problems.map((problem) => (
            <li key={problem.id}>
              <span className={`check-status status-${problem.status}`}>{t(`toolkit.checkStatus.${problem.status}`)}</span> {problem.verdict[language]}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Category, who, how long they have waited, and who holds it: the facts a consultant scans. */
export function QueueItemFacts({ item, waitingMs }: { item: Pick<QueueItem, 'category' | 'contactName' | 'claimedBy' | 'assignedTo' | 'userOnline' | 'state' | 'targetMs' | 'channel'>; waitingMs: number }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const waited = durationText(waitingMs);
  return (
    <p className="queue-facts">
      <span className="badge">{categoryLabel(item.category, language)}</span>
      <span>{item.contactName}</span>
      {item.channel === 'email' && (
        <span className="badge" data-testid="source-email">
          {t('queue.byEmail')}
        </span>
      )}
      <span>{t(item.state === 'waiting' ? 'queue.waitingFor' : 'queue.waitedFor', { time: t(waited.key, waited.vars) })}</span>
      <WaitMarker item={item} waitingMs={waitingMs} />
      {item.claimedBy && <span>{t('queue.claimedBy', { name: item.claimedBy.name })}</span>}
      {item.assignedTo && <span>{t('queue.assignedTo', { name: item.assignedTo.name })}</span>}
      {/* An e-mail request has no app to be connected: that is not worth a warning. */}
      {!item.userOnline && item.channel !== 'email' && <span className="muted">{t('queue.userOffline')}</span>}
    </p>
  );
}
