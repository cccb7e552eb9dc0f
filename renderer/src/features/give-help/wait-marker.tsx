import type { QueueItem, RequestCategory } from '../../../../shared/queue';
import { INTAKE } from '../../../../shared/intake';
import { waitLevel } from '../../../../shared/wait-targets';
import type { Language } from '../../../../shared/settings';
import type { Translate } from '../../i18n/language-store';
import { useLanguageStore, useT } from '../../i18n/language-store';
import { durationText } from '../../queue/duration';
import { queueConsole } from '../../queue/queue';
import type { WaitAlert } from '../../queue/queue-state';

export const categoryLabel = (category: RequestCategory, language: Language) => INTAKE[category].label[language];
const targetText = (t: Translate, targetMs: number) => {
  const target = durationText(targetMs);
  return t(target.key, target.vars);
};

/**
 * A waiting request near (80 %) or past its target wait, in words and with a symbol, not
 * colour alone. Nothing for a request on time or already taken.
 */
export function WaitMarker({ item, waitingMs }: { item: Pick<QueueItem, 'state' | 'targetMs'>; waitingMs: number }) {
  const t = useT();
  if (item.state !== 'waiting') return null;
  const level = waitLevel(waitingMs, item.targetMs);
  if (level === 'on-time') return null;
  return (
    <span className={`badge wait-${level}`} data-testid="wait-marker" data-level={level}>
      <span aria-hidden="true">{level === 'overdue' ? '⚠ ' : '◔ '}</span>
      {t(level === 'overdue' ? 'queue.wait.overdue' : 'queue.wait.approaching', { target: targetText(t, item.targetMs) })}
    </span>
  );
}

/** The target-wait alerts, each with a way to the request; inside the console's polite live region. */
export function WaitAlerts({ alerts }: { alerts: readonly WaitAlert[] }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  return alerts.map((alert) => {
    const id = `wait-alert-${alert.requestId}`;
    const vars = { name: alert.contactName, category: categoryLabel(alert.category, language), target: targetText(t, alert.targetMs) };
    return (
      <div key={alert.requestId} className="notice wait-alert" data-testid="wait-alert" data-level={alert.level}>
        <p id={id}>{t(alert.level === 'overdue' ? 'queue.waitAlert.overdue' : 'queue.waitAlert.approaching', vars)}</p>
        <div className="actions">
          <button type="button" aria-describedby={id} onClick={() => queueConsole.showDetail(alert.requestId)}>
            {t('queue.open')}
          </button>
          <button type="button" aria-describedby={id} onClick={() => queueConsole.dismissWaitAlert(alert.requestId)}>
            {t('queue.alert.dismiss')}
          </button>
        </div>
      </div>
    );
  });
}
