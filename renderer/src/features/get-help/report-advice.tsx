import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';

export interface ReportState {
  /** The helper's organisation as the server vouched for it; null for an unverified helper. */
  organisation: string | null;
  delivery: 'sending' | 'sent' | 'not-sent';
}

/**
 * After "Report a suspicious contact": the session is already over and the report goes to the
 * server, into the audit trail of the helper's organisation (for a verified helper) or the
 * server's own log (an unverified one); "sent" only once the server confirmed it. What to do
 * next, in plain words.
 */
export function ReportAdvice({ report, onHome }: { report: ReportState; onHome: () => void }) {
  const t = useT();
  return (
    <section className="panel" data-testid="report-advice">
      <ScreenHeading>{t('report.title')}</ScreenHeading>
      <p className="lead" role="status">
        {t('report.ended')}
      </p>
      <h2>{t('report.nextTitle')}</h2>
      <ul className="advice">
        <li>{t('report.advice.hangUp')}</li>
        <li>{t('report.advice.noInstall')}</li>
        <li>{t('report.advice.noSecrets')}</li>
        <li>{t('report.advice.callBack')}</li>
        <li>{t('report.advice.money')}</li>
      </ul>
      <ReportDelivery
        delivery={report.delivery}
        sent={report.organisation === null ? t('report.sentUnverified') : t('report.sentToOrganisation', { organisation: report.organisation })}
      />
      <div className="actions">
        <button type="button" className="primary" onClick={onHome}>
          {t('common.home')}
        </button>
      </div>
    </section>
  );
}

/**
 * Whether the report reached the server: `sent` is said only once the server confirmed it
 * (a lost connection, or someone in the middle dropping the message, leaves it unsent).
 */
export function ReportDelivery({ delivery, sent, notSent }: { delivery: ReportState['delivery']; sent: string; notSent?: string }) {
  const t = useT();
  return (
    <p className="muted" role="status" data-testid="report-sent" data-delivery={delivery}>
      {delivery === 'sending' ? t('report.sending') : delivery === 'not-sent' ? (notSent ?? t('report.notSent')) : sent}
    </p>
  );
}
