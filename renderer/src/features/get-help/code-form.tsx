import { useEffect, useState, type FormEvent } from 'react';
import { formatSessionCode, normalizeSessionCode } from '../../../../shared/session-code';
import { ProblemMessage } from '../../components/problem-message';
import { ScreenHeading } from '../../components/screen-heading';
import { useDeepLinkStore } from '../../deep-link/deep-link-store';
import { useT } from '../../i18n/language-store';
import type { Problem } from '../../session/session-state';

function linkCode(code: string | null): string {
  return code === null ? '' : formatSessionCode(code);
}

export function CodeForm({ busy, problem, onJoin }: { busy: boolean; problem: Problem | null; onJoin: (code: string) => void }) {
  const t = useT();
  // A tandem://join link fills the field in (now, or while the form is shown); joining still
  // waits for the user's Continue, then their consent.
  const [code, setCode] = useState(() => linkCode(useDeepLinkStore.getState().pendingCode));
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    useDeepLinkStore.getState().take();
    return useDeepLinkStore.subscribe((store) => {
      if (store.pendingCode === null) return;
      setCode(linkCode(store.take()));
      setInvalid(false);
    });
  }, []);

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
