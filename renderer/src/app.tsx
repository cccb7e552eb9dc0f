import { useEffect, useState } from 'react';
import { LanguageSwitch } from './components/language-switch';
import { GetHelpScreen } from './features/get-help/get-help-screen';
import { GiveHelpScreen } from './features/give-help/give-help-screen';
import { HomeScreen } from './features/home/home-screen';
import { SettingsPanel } from './features/settings/settings-panel';
import { usePolicyStore } from './policy/policy-store';
import { PastSessions } from './report/past-sessions';
import { UpdateBanner } from './updates/update-banner';
import { useLanguageStore, useT } from './i18n/language-store';
import { sessionController } from './session/controller';
import { useSessionStore } from './session/session-store';
import { useResumeOfferStore } from './session/resume-offer';
import { ResumePrompt } from './features/home/resume-prompt';

const PHASES_WITH_BACK = new Set(['idle', 'ended']);

export function App() {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const role = useSessionStore((store) => store.role);
  const setRole = useSessionStore((store) => store.setRole);
  const phase = useSessionStore((store) => store.state.phase);
  const branding = usePolicyStore((store) => store.branding);
  // What the home screen shows instead of the role choice, if anything.
  const [panel, setPanel] = useState<'settings' | 'history' | null>(null);
  const toggle = (next: 'settings' | 'history') => setPanel((open) => (open === next ? null : next));
  const resumeOffer = useResumeOfferStore((store) => store.offer);
  const setResumeOffer = useResumeOfferStore((store) => store.set);

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
            <>
              <button type="button" className="link" onClick={() => toggle('history')} aria-expanded={panel === 'history'}>
                {t('history.open')}
              </button>
              <button type="button" className="link" onClick={() => toggle('settings')} aria-expanded={panel === 'settings'}>
                {t('settings.open')}
              </button>
            </>
          )}
          <LanguageSwitch />
        </div>
      </header>
      <UpdateBanner />
      <main id="main" className="app-main">
        {role !== null && PHASES_WITH_BACK.has(phase) && (
          <button type="button" className="link back" onClick={back}>
            ← {t('common.back')}
          </button>
        )}
        {role === null && panel === 'settings' && <SettingsPanel onClose={() => setPanel(null)} />}
        {role === null && panel === 'history' && <PastSessions onClose={() => setPanel(null)} />}
        {role === null && panel === null && resumeOffer && (
          <ResumePrompt
            offer={resumeOffer}
            onContinue={() => {
              if (resumeOffer.status !== 'ready') return;
              setResumeOffer(null);
              setRole('user');
              void sessionController.resumeAfterRestart(resumeOffer.ticket);
            }}
            onDismiss={() => setResumeOffer(null)}
          />
        )}
        {role === null && panel === null && !resumeOffer && <HomeScreen />}
        {role === 'user' && <GetHelpScreen />}
        {role === 'consultant' && <GiveHelpScreen />}
      </main>
    </>
  );
}
