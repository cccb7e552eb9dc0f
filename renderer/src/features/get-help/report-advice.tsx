import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';

/**
 * After "Report a suspicious contact": the session is already over. What to do next, in plain
 * words. Nothing is sent anywhere (the server has no report endpoint yet): the person is told
 * to contact their help desk through a number they already know.
 */
export function ReportAdvice({ onHome }: { onHome: () => void }) {
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
      <p className="muted">{t('report.localOnly')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onHome}>
          {t('common.home')}
        </button>
      </div>
    </section>
  );
}
