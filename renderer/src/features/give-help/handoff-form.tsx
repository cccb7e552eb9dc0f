import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/language-store';
import type { Colleague } from '../../queue/queue-state';

/** Hands a held request to a colleague of the same organisation (only they may claim it next). */
export function HandoffForm({ requestId, me, colleagues, onLoad, onHandOff }: { requestId: string; me: number; colleagues: Colleague[] | null; onLoad: () => void; onHandOff: (consultantId: number) => void }) {
  const t = useT();
  const [chosen, setChosen] = useState('');
  useEffect(onLoad, [onLoad]);
  const others = (colleagues ?? []).filter((colleague) => colleague.id !== me);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = Number(chosen);
    if (others.some((colleague) => colleague.id === id)) onHandOff(id);
  };
  const field = `handoff-${requestId}`;
  return (
    <form className="handoff" onSubmit={submit}>
      <h2>{t('queue.handoffTitle')}</h2>
      {colleagues !== null && others.length === 0 ? (
        <p className="muted">{t('queue.noColleagues')}</p>
      ) : (
        <>
          <label htmlFor={field}>{t('queue.colleagueLabel')}</label>
          <select id={field} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">{t('queue.chooseColleague')}</option>
            {others.map((colleague) => (
              <option key={colleague.id} value={String(colleague.id)}>
                {colleague.online ? t('queue.colleagueOnline', { name: colleague.name }) : colleague.name}
              </option>
            ))}
          </select>
          <div className="actions">
            <button type="submit" disabled={chosen === ''}>
              {t('queue.handoff')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
