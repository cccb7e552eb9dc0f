import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { personNameSchema } from '../../../../shared/signaling';
import { ProblemMessage } from '../../components/problem-message';
import { ScreenHeading } from '../../components/screen-heading';
import { getHost } from '../../host/host';
import { useT } from '../../i18n/language-store';
import type { Problem } from '../../session/session-state';

/** `intro`: shown under the heading, before the name (the offer to sign in instead). */
export function NameForm({ busy, problem, onStart, intro }: { busy: boolean; problem: Problem | null; onStart: (name: string) => void; intro?: ReactNode }) {
  const t = useT();
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    // Offer the name used last time; the consultant can change it.
    void getHost()
      .settings.get()
      .then((settings) => setName((current) => current || settings.consultantName));
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = personNameSchema.safeParse(name);
    setInvalid(!parsed.success);
    if (parsed.success) onStart(parsed.data);
  };

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <ScreenHeading>{t('give.nameTitle')}</ScreenHeading>
      {intro}
      <label htmlFor="consultant-name">{t('give.nameLabel')}</label>
      <input
        id="consultant-name"
        name="consultant-name"
        value={name}
        maxLength={60}
        autoComplete="name"
        aria-invalid={invalid}
        aria-describedby={invalid ? 'consultant-name-error' : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      {invalid && (
        <p className="problem" role="alert" id="consultant-name-error">
          {t('give.nameInvalid')}
        </p>
      )}
      {problem && <ProblemMessage problem={problem} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('give.starting') : t('give.start')}
        </button>
      </div>
    </form>
  );
}
