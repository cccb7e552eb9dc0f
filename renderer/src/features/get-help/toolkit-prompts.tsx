import { useLanguageStore, useT } from '../../i18n/language-store';
import { userToolkit } from '../../toolkit/active-toolkit';
import { CheckList } from '../../toolkit/check-list';
import { useToolkitStore } from '../../toolkit/toolkit-store';

/** What the consultant asks of the toolkit, as the user sees and answers it. */
export function ToolkitPrompts({ peerName }: { peerName: string }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const status = useToolkitStore((store) => store.diagnostics);
  const review = useToolkitStore((store) => store.review);
  const proposed = useToolkitStore((store) => store.proposed);
  const toolkit = userToolkit;

  return (
    <>
      {status === 'asking' && (
        <section className="panel" data-testid="diagnostics-prompt">
          <h2>{t('toolkit.user.askTitle', { name: peerName })}</h2>
          <p>{t('toolkit.user.askDetail')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void toolkit()?.runCheckup()}>
              {t('toolkit.user.run')}
            </button>
            <button type="button" onClick={() => toolkit()?.decline()}>
              {t('toolkit.user.noThanks')}
            </button>
          </div>
        </section>
      )}
      {status === 'running' && (
        <p className="status" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('toolkit.user.running')}
        </p>
      )}
      {status === 'reviewing' && review && (
        <section className="panel" data-testid="diagnostics-review">
          <h2>{t('toolkit.user.reviewTitle', { name: peerName })}</h2>
          <CheckList results={review.results} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => toolkit()?.shareResults()}>
              {t('toolkit.user.share')}
            </button>
            <button type="button" onClick={() => toolkit()?.decline()}>
              {t('toolkit.user.dontShare')}
            </button>
          </div>
        </section>
      )}
      {proposed && (
        <p className="status warning" role="alert" data-testid="repair-prompt">
          {t('toolkit.user.repairAsked', { name: peerName, title: proposed.title[language] })}
        </p>
      )}
    </>
  );
}
