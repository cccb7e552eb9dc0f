import type { ScreenSource } from '../../../../shared/host-api';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';

/** The in-app picker: the user sees each screen and chooses the one to share. */
export function ScreenPicker({ sources, onPick, onCancel }: { sources: ScreenSource[]; onPick: (id: string) => void; onCancel: () => void }) {
  const t = useT();
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
