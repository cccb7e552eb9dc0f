import { useId, useState } from 'react';
import { consultantControl } from '../../control/active-control';
import { useScreensStore } from '../../control/screens-store';
import { useT } from '../../i18n/language-store';

/** When the user has several screens: which one is shared, and a request to see another. */
export function ScreenSwitcher() {
  const t = useT();
  const id = useId();
  const screens = useScreensStore((store) => store.screens);
  const current = useScreensStore((store) => store.current);
  const [choice, setChoice] = useState<string | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  if (screens.length < 2) return null;
  const selected = choice ?? screens.find((screen) => screen.id !== current)?.id ?? '';
  return (
    <div className="screen-switcher" data-testid="screen-switcher">
      <label htmlFor={id}>{t('screens.label')}</label>
      <select id={id} value={selected} onChange={(event) => setChoice(event.target.value)}>
        {screens.map((screen) => (
          <option key={screen.id} value={screen.id}>
            {screen.id === current ? t('screens.current', { name: screen.name }) : screen.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={selected === current}
        onClick={() => {
          consultantControl()?.requestScreen(selected);
          setAsked(selected);
        }}
      >
        {t('screens.ask')}
      </button>
      {asked && asked !== current && (
        <span className="muted" role="status">
          {t('screens.asked')}
        </span>
      )}
    </div>
  );
}
