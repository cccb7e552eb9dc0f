import type { CheckResult, CheckStatus } from '../../../shared/diagnostics';
import { useLanguageStore, useT } from '../i18n/language-store';

const ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, unknown: 2, ok: 3 };
const CATEGORIES = ['network', 'system', 'printers', 'security'] as const;

/** Results grouped by category, problems first; the consultant may re-run one. */
export function CheckList({ results, onRerun }: { results: CheckResult[]; onRerun?: (result: CheckResult) => void }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  return (
    <div className="check-list" data-testid="check-list">
      {CATEGORIES.map((category) => {
        const inCategory = results.filter((result) => result.category === category).sort((a, b) => ORDER[a.status] - ORDER[b.status]);
        if (inCategory.length === 0) return null;
        return (
          <section key={category} aria-label={t(`toolkit.category.${category}`)}>
            <h3>{t(`toolkit.category.${category}`)}</h3>
            <ul>
              {inCategory.map((result) => (
                <li key={result.id} className={`check check-${result.status}`} data-testid="check" data-check={result.id} data-status={result.status}>
                  <span className={`check-status status-${result.status}`}>{t(`toolkit.checkStatus.${result.status}`)}</span>
                  <span className="check-verdict">{result.verdict[language]}</span>
                  <details>
                    <summary>{t('toolkit.details')}</summary>
                    <pre>{result.detail}</pre>
                    <span className="muted">{t('toolkit.duration', { ms: result.durationMs })}</span>
                  </details>
                  {onRerun && (
                    <button type="button" className="small" onClick={() => onRerun(result)}>
                      {t('toolkit.rerun')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
