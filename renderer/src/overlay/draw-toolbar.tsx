import { OVERLAY_KINDS, OVERLAY_PALETTE, type OverlayColor } from '../../../shared/overlay';
import { useT } from '../i18n/language-store';
import { activeOverlay } from './active-overlay';
import { useOverlayStore } from './overlay-store';

const COLOR_NAMES: Record<OverlayColor, 'magenta' | 'red' | 'yellow' | 'green' | 'blue'> = {
  '#ff00ff': 'magenta',
  '#ff3b30': 'red',
  '#ffcc00': 'yellow',
  '#00c853': 'green',
  '#2979ff': 'blue',
};

/** The consultant's drawing tools: on/off, shape, colour, and clearing the user's screen. */
export function DrawToolbar() {
  const t = useT();
  const { ready, drawing, kind, color, set } = useOverlayStore();
  if (!ready) return null;
  return (
    <div className="control-toolbar" data-testid="draw-toolbar">
      <button type="button" aria-pressed={drawing} onClick={() => set({ drawing: !drawing })}>
        {t('overlay.draw')}
      </button>
      {drawing && (
        <>
          {OVERLAY_KINDS.map((option) => (
            <button key={option} type="button" aria-pressed={kind === option} onClick={() => set({ kind: option })}>
              {t(`overlay.kind.${option}`)}
            </button>
          ))}
          {OVERLAY_PALETTE.map((option) => (
            <button
              key={option}
              type="button"
              className={`swatch swatch-${COLOR_NAMES[option]}`}
              aria-pressed={color === option}
              aria-label={t(`overlay.color.${COLOR_NAMES[option]}`)}
              title={t(`overlay.color.${COLOR_NAMES[option]}`)}
            />
          ))}
          <button type="button" onClick={() => activeOverlay()?.draw({ t: 'overlay.clear' })}>
            {t('overlay.clear')}
          </button>
        </>
      )}
    </div>
  );
}
