import type { RepairAction } from '../../../../shared/diagnostics';
import { useLanguageStore, useT } from '../../i18n/language-store';
import { consultantToolkit } from '../../toolkit/active-toolkit';
import { CheckList } from '../../toolkit/check-list';
import { useToolkitStore, type RepairState } from '../../toolkit/toolkit-store';

/** The consultant's check-up and repairs, all of it subject to the user's consent on their side. */
export function ToolkitPanel() {
  const t = useT();
  const status = useToolkitStore((store) => store.diagnostics);
  const results = useToolkitStore((store) => store.results);
  const repairs = useToolkitStore((store) => store.repairs);
  const busy = status === 'asking' || status === 'running' || status === 'reviewing';
  const toolkit = consultantToolkit;

  return (
    <details className="toolkit-panel" data-testid="toolkit-panel" open>
      <summary>{t('toolkit.title')}</summary>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => toolkit()?.requestDiagnostics()}>
          {t('toolkit.runCheckup')}
        </button>
        <button type="button" onClick={() => toolkit()?.listRepairs()}>
          {t('toolkit.showRepairs')}
        </button>
      </div>
      {status !== 'idle' && (
        <p className="status" role="status" data-testid="diagnostics-status" data-status={status}>
          {t(`toolkit.status.${status}`)}
        </p>
      )}
      <CheckList results={Object.values(results)} onRerun={(result) => toolkit()?.rerun(result.id)} />
      {repairs && (
        <ul className="repair-list" data-testid="repair-list">
          {repairs.map((action) => (
            <RepairRow key={action.id} action={action} />
          ))}
        </ul>
      )}
    </details>
  );
}

function RepairRow({ action }: { action: RepairAction }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const state: RepairState | undefined = useToolkitStore((store) => store.repairStates[action.id]);
  const pending = state?.status === 'asking' || state?.status === 'running';
  return (
    <li className="repair" data-testid="repair" data-repair={action.id} data-state={state?.status ?? 'none'}>
      <div>
        <strong>{action.title[language]}</strong>
        <p className="muted">{action.explanation[language]}</p>
        {action.needsAdmin && <p className="muted">{t('toolkit.needsAdmin')}</p>}
      </div>
      <button type="button" disabled={pending} onClick={() => consultantToolkit()?.propose(action.id)}>
        {t('toolkit.propose')}
      </button>
      {state && state.status !== 'done' && <p role="status">{t(`toolkit.repair.${state.status}`)}</p>}
      {state?.status === 'done' && (
        <div role="status" data-testid="repair-outcome" data-status={state.outcome.status}>
          <p>{t('toolkit.repair.done', { status: t(`toolkit.repairStatus.${state.outcome.status}`), code: state.outcome.exitCode ?? '—' })}</p>
          {(state.outcome.stdout || state.outcome.stderr) && (
            <details>
              <summary>{t('toolkit.output')}</summary>
              <pre>{state.outcome.stdout}{state.outcome.stderr}</pre>
            </details>
          )}
        </div>
      )}
    </li>
  );
}
