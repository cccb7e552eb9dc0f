import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';

/**
 * After "Report a suspicious contact": the session is already over and the report went to the
 * server, in the audit trail of the helper's organisation (for a verified helper) or the
 * server's own log (an unverified one). What to do next, in plain words.
 */
export function ReportAdvice({ organisation, onHome }: { organisation: string | null; onHome: () => void }) {
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
      <p className="muted" data-testid="report-sent">
        {organisation === null ? t('report.sentUnverified') : t('report.sentToOrganisation', { organisation })}
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onHome}>
          {t('common.home')}
        </button>
      </div>
    </section>
  );
}
