import { useState, type FormEvent } from 'react';
import { normalizeSessionCode } from '../../../../shared/session-code';
import { ProblemMessage } from '../../components/problem-message';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';
import type { Problem } from '../../session/session-state';

export function CodeForm({ busy, problem, onJoin }: { busy: boolean; problem: Problem | null; onJoin: (code: string) => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Spaces, dashes and dots are accepted, so a pasted "482 193 675" works as typed.
    const normalized = normalizeSessionCode(code);
    setInvalid(normalized === null);
    if (normalized !== null) onJoin(normalized);
  };

  const errorId = invalid ? 'code-format-error' : problem ? 'code-problem' : undefined;
  return (
    <form className="panel" onSubmit={submit} noValidate>
      <ScreenHeading>{t('get.codeTitle')}</ScreenHeading>
      <label htmlFor="session-code">{t('get.codeLabel')}</label>
      <input
        id="session-code"
        name="session-code"
        className="code-input"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={20}
        value={code}
        aria-invalid={errorId !== undefined}
        aria-describedby={['session-code-hint', errorId].filter(Boolean).join(' ')}
        onChange={(event) => setCode(event.target.value)}
      />
      <p className="muted" id="session-code-hint">
        {t('get.codeHint')}
      </p>
      {invalid && (
        <p className="problem" role="alert" id="code-format-error" data-testid="problem" data-problem="code-format">
          {t('get.codeInvalid')}
        </p>
      )}
      {!invalid && problem && <ProblemMessage problem={problem} id="code-problem" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('get.joining') : t('get.join')}
        </button>
      </div>
    </form>
  );
}
