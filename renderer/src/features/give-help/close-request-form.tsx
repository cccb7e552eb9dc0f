import { useState, type FormEvent } from 'react';
import { outcomeSchema, REQUEST_LIMITS, type Outcome } from '../../../../shared/queue';
import { useT } from '../../i18n/language-store';

const OUTCOMES: readonly Outcome[] = outcomeSchema.options;

/** Closes a request the consultant holds, with an outcome and an optional note for the record. */
export function CloseRequestForm({ requestId, onClose }: { requestId: string; onClose: (outcome: Outcome, note?: string) => void }) {
  const t = useT();
  const [outcome, setOutcome] = useState<Outcome>('resolved');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onClose(outcome, note.trim() || undefined);
  };
  const id = `close-${requestId}`;
  return (
    <form className="close-request" onSubmit={submit} data-testid="close-request">
      <h2>{t('queue.closeTitle')}</h2>
      <label htmlFor={`${id}-outcome`}>{t('queue.outcomeLabel')}</label>
      <select id={`${id}-outcome`} value={outcome} onChange={(event) => setOutcome(outcomeSchema.parse(event.target.value))}>
        {OUTCOMES.map((option) => (
          <option key={option} value={option}>
            {t(`queue.outcome.${option}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-note`}>{t('queue.noteLabel')}</label>
      <textarea id={`${id}-note`} rows={2} maxLength={REQUEST_LIMITS.note} value={note} onChange={(event) => setNote(event.target.value)} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('queue.close')}
        </button>
      </div>
    </form>
  );
}
