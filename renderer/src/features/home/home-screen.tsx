import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';
import { useSessionStore } from '../../session/session-store';

export function HomeScreen() {
  const t = useT();
  const setRole = useSessionStore((store) => store.setRole);
  return (
    <section className="panel">
      <ScreenHeading>{t('home.title')}</ScreenHeading>
      <div className="role-choices">
        <button type="button" className="role-choice" onClick={() => setRole('user')} aria-describedby="get-help-hint">
          <span className="role-title">{t('home.getHelp')}</span>
          <span className="role-hint" id="get-help-hint">
            {t('home.getHelpHint')}
          </span>
        </button>
        <button type="button" className="role-choice" onClick={() => setRole('consultant')} aria-describedby="give-help-hint">
          <span className="role-title">{t('home.giveHelp')}</span>
          <span className="role-hint" id="give-help-hint">
            {t('home.giveHelpHint')}
          </span>
        </button>
      </div>
    </section>
  );
}
