import { DESKTOP_PICKER_SOURCE_ID, type ScreenSource } from '../../../../shared/host-api';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';

/** The in-app picker: the user sees each screen and chooses the one to share. */
export function ScreenPicker({ sources, onPick, onCancel }: { sources: ScreenSource[]; onPick: (id: string) => void; onCancel: () => void }) {
  const t = useT();
  if (sources.length === 1 && sources[0]?.id === DESKTOP_PICKER_SOURCE_ID) {
    // Wayland: the desktop, not Tandem, shows the screens. Say what is about to open, before it does.
    return (
      <section className="panel">
        <ScreenHeading>{t('get.desktopPickerTitle')}</ScreenHeading>
        <p id="desktop-picker-explained">{t('get.desktopPickerExplain')}</p>
        <div className="actions">
          <button type="button" className="primary" aria-describedby="desktop-picker-explained" onClick={() => onPick(DESKTOP_PICKER_SOURCE_ID)}>
            {t('get.desktopPickerContinue')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('get.decline')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="panel">
      <ScreenHeading>{t('get.pickTitle')}</ScreenHeading>
      <ul className="screen-list">
        {sources.map((source) => (
          <li key={source.id}>
            <button type="button" className="screen-choice" onClick={() => onPick(source.id)}>
              {source.thumbnail && <img src={source.thumbnail} alt="" />}
              <span>{t('get.pickScreen', { name: source.name })}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('get.decline')}
        </button>
      </div>
    </section>
  );
}
