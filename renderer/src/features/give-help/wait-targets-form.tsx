import { useEffect, useState, type FormEvent } from 'react';
import { REQUEST_CATEGORIES } from '../../../../shared/queue';
import { WAIT_TARGET_MINUTES, waitTargetsSchema, type WaitTargets } from '../../../../shared/wait-targets';
import { useLanguageStore, useT } from '../../i18n/language-store';
import { queueConsole } from '../../queue/queue';
import { categoryLabel } from './wait-marker';

/** Admins: the organisation's target wait per category, in minutes (validated here and again by the server). */
export function WaitTargetsForm({ targets }: { targets: WaitTargets | null }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    if (open) queueConsole.loadTargets();
  }, [open]);

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('queue.targets.open')}
      </button>
    );
  }
  const shown = (category: string) => minutes[category] ?? String(targets?.find((target) => target.category === category)?.minutes ?? '');
  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = waitTargetsSchema.safeParse(REQUEST_CATEGORIES.map((category) => ({ category, minutes: Number(shown(category)) })));
    setInvalid(!parsed.success);
    if (!parsed.success) return;
    queueConsole.saveTargets(parsed.data);
    setMinutes({});
    setOpen(false);
  };
  return (
    <form className="wait-targets" onSubmit={save} noValidate data-testid="wait-targets-form">
      <fieldset aria-describedby={invalid ? 'wait-targets-hint wait-targets-invalid' : 'wait-targets-hint'}>
        <legend>{t('queue.targets.title')}</legend>
        <p className="muted" id="wait-targets-hint">
          {t('queue.targets.intro', { min: WAIT_TARGET_MINUTES.min, max: WAIT_TARGET_MINUTES.max })}
        </p>
        {targets === null && <p role="status">{t('queue.loading')}</p>}
        {targets !== null &&
          REQUEST_CATEGORIES.map((category) => (
            <div key={category} className="wait-target">
              <label htmlFor={`wait-target-${category}`}>{t('queue.targets.minutesFor', { category: categoryLabel(category, language) })}</label>
              <input
                id={`wait-target-${category}`}
                type="number"
                inputMode="numeric"
                min={WAIT_TARGET_MINUTES.min}
                max={WAIT_TARGET_MINUTES.max}
                step={1}
                value={shown(category)}
                aria-invalid={invalid}
                onChange={(event) => setMinutes({ ...minutes, [category]: event.target.value })}
              />
            </div>
          ))}
      </fieldset>
      {invalid && (
        <p className="problem" role="alert" id="wait-targets-invalid">
          {t('queue.targets.invalid', { min: WAIT_TARGET_MINUTES.min, max: WAIT_TARGET_MINUTES.max })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={targets === null}>
          {t('queue.targets.save')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('queue.targets.cancel')}
        </button>
      </div>
    </form>
  );
}
