import { useState } from 'react';
import type { CheckId, DiagnosticsReport } from '../../../../shared/diagnostics';
import { compactDiagnostics } from '../../../../shared/queue-diagnostics';
import { getHost } from '../../host/host';
import { useT } from '../../i18n/language-store';
import { CheckList } from '../../toolkit/check-list';

type Step = { kind: 'off' } | { kind: 'running' } | { kind: 'review'; report: DiagnosticsReport } | { kind: 'attached'; report: DiagnosticsReport } | { kind: 'unavailable' | 'too-large' };

/**
 * An optional check-up attached to the request: only the checks that matter for the kind of
 * trouble (`checks`; null: all). The person sees every result before agreeing to attach them;
 * what is attached is exactly what was shown, fitted to the request's size limit.
 */
export function DiagnosticsAttach({ checks, onChange }: { checks: readonly CheckId[] | null; onChange: (report: DiagnosticsReport | undefined) => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: 'off' });

  const run = async () => {
    setStep({ kind: 'running' });
    try {
      const report = await getHost().diagnostics.run(checks ? { ids: [...checks] } : {});
      const fitted = compactDiagnostics(report);
      setStep(fitted ? { kind: 'review', report: fitted } : { kind: 'too-large' });
    } catch {
      setStep({ kind: 'unavailable' });
    }
  };
  const attach = (report: DiagnosticsReport) => {
    setStep({ kind: 'attached', report });
    onChange(report);
  };
  const remove = () => {
    setStep({ kind: 'off' });
    onChange(undefined);
  };

  return (
    <fieldset className="diagnostics-attach" data-testid="diagnostics-attach">
      <legend>{t('request.diagnosticsTitle')}</legend>
      <p className="muted">{t('request.diagnosticsDetail')}</p>
      {step.kind === 'off' && (
        <button type="button" onClick={() => void run()}>
          {t('request.diagnosticsRun')}
        </button>
      )}
      {step.kind === 'running' && (
        <p className="status" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('toolkit.user.running')}
        </p>
      )}
      {step.kind === 'review' && (
        <>
          <p role="status">{t('request.diagnosticsReview')}</p>
          <CheckList results={step.report.results} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => attach(step.report)}>
              {t('request.diagnosticsAttach')}
            </button>
            <button type="button" onClick={remove}>
              {t('request.diagnosticsDontAttach')}
            </button>
          </div>
        </>
      )}
      {step.kind === 'attached' && (
        <>
          <p role="status" data-testid="diagnostics-attached">
            {t('request.diagnosticsAttached', { count: step.report.results.length })}
          </p>
          <button type="button" onClick={remove}>
            {t('request.diagnosticsRemove')}
          </button>
        </>
      )}
      {(step.kind === 'unavailable' || step.kind === 'too-large') && (
        <p className="muted" role="status">
          {t(step.kind === 'unavailable' ? 'request.diagnosticsUnavailable' : 'request.diagnosticsTooLarge')}
        </p>
      )}
    </fieldset>
  );
}
