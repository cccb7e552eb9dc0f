import { intakeFacts } from '../../../../shared/intake-summary';
import type { RequestDetail } from '../../../../shared/queue';
import { useLanguageStore, useT } from '../../i18n/language-store';

/**
 * The essential facts first, in one calm block: the kind of trouble, what the check-up found
 * wrong (failing, then warnings), the person's answers, and what they already tried.
 */
export function IntakeSummary({ detail }: { detail: Pick<RequestDetail, 'category' | 'intake' | 'diagnostics'> }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const facts = intakeFacts(detail.category, detail.intake, detail.diagnostics, language);
  return (
    <section className="intake-summary" aria-labelledby="intake-summary-title" data-testid="intake-summary">
      <h2 id="intake-summary-title">{t('queue.summary.title')}</h2>
      {/* Every term and its description in one div: a <dl> may not mix grouped and ungrouped pairs. */}
      <dl>
        <div>
          <dt>{t('queue.summary.category')}</dt>
          <dd>{facts.category}</dd>
        </div>
        <div>
          <dt>{t('queue.summary.problems')}</dt>
          <dd>
            {detail.diagnostics === null && t('queue.noDiagnostics')}
            {detail.diagnostics !== null && facts.problems.length === 0 && t('queue.summary.noProblems')}
            {facts.problems.length > 0 && (
              <ul data-testid="intake-problems">
                {facts.problems.map((problem, index) => (
                  <li key={index}>
                    <span className={`check-status status-${problem.status}`}>{t(`toolkit.checkStatus.${problem.status}`)}</span> {problem.verdict}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {facts.answers.map((answer) => (
          <div key={answer.question}>
            <dt>{answer.question}</dt>
            <dd className="queue-description">{answer.answer}</dd>
          </div>
        ))}
        <div>
          <dt>{t('queue.summary.tried')}</dt>
          <dd className="queue-description" data-testid="intake-tried">
            {facts.tried ?? t('queue.summary.nothingTried')}
          </dd>
        </div>
      </dl>
    </section>
  );
}
