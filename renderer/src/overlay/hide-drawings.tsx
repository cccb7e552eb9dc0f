import { useT } from '../i18n/language-store';
import { activeOverlay } from './active-overlay';
import { useOverlayStore } from './overlay-store';

/** The user's switch for the consultant's drawings on their screen. */
export function HideDrawingsToggle() {
  const t = useT();
  const ready = useOverlayStore((store) => store.ready);
  const hidden = useOverlayStore((store) => store.hidden);
  if (!ready) return null;
  return (
    <button type="button" aria-pressed={hidden} onClick={() => activeOverlay()?.setHidden(!hidden)} data-testid="hide-drawings">
      {t('overlay.hide')}
    </button>
  );
}
