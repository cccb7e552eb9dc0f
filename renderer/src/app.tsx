import { useEffect, useState } from 'react';
import { LanguageSwitch } from './components/language-switch';
import { GetHelpScreen } from './features/get-help/get-help-screen';
import { GiveHelpScreen } from './features/give-help/give-help-screen';
import { HomeScreen } from './features/home/home-screen';
import { SettingsPanel } from './features/settings/settings-panel';
import { usePolicyStore } from './policy/policy-store';
import { useLanguageStore, useT } from './i18n/language-store';
import { sessionController } from './session/controller';
import { useSessionStore } from './session/session-store';

const PHASES_WITH_BACK = new Set(['idle', 'ended']);

export function App() {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const role = useSessionStore((store) => store.role);
  const setRole = useSessionStore((store) => store.setRole);
  const phase = useSessionStore((store) => store.state.phase);
  const branding = usePolicyStore((store) => store.branding);
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const back = () => {
    sessionController.reset();
    setRole(null);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          {branding.logo && <img className="brand-logo" src={branding.logo} alt={branding.organizationName ?? ''} />}
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{branding.organizationName ?? t('app.tagline')}</span>
        </div>
        <div className="header-actions">
          {role === null && (
            <button type="button" className="link" onClick={() => setSettingsOpen((open) => !open)} aria-expanded={settingsOpen}>
              {t('settings.open')}
            </button>
          )}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="app-main">
        {role !== null && PHASES_WITH_BACK.has(phase) && (
          <button type="button" className="link back" onClick={back}>
            ← {t('common.back')}
          </button>
        )}
        {role === null && (settingsOpen ? <SettingsPanel onClose={() => setSettingsOpen(false)} /> : <HomeScreen />)}
        {role === 'user' && <GetHelpScreen />}
        {role === 'consultant' && <GiveHelpScreen />}
      </main>
    </>
  );
}
