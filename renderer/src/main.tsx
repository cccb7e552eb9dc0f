import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { getHost } from './host/host';
import { startAppEvents } from './host/app-events';
import { useLanguageStore } from './i18n/language-store';
import { usePolicyStore } from './policy/policy-store';
import { sessionController } from './session/controller';
import { takeResumeOffer } from './session/resume-offer';
import { useSessionStore } from './session/session-store';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // At once, not after the first paint: the host sends a start-up tandem://join link as soon as the page has loaded.
  startAppEvents(getHost());
  // The language and the organisation's policy load before the first paint, so nobody sees
  // the UI switch language or colours.
  // A session the computer restarted in the middle of: offered again (never joined by itself unless the policy says so).
  const resumeOffer = takeResumeOffer(getHost(), (ticket) => {
    useSessionStore.getState().setRole('user');
    void sessionController.resumeAfterRestart(ticket);
  }).catch(() => undefined);
  void Promise.all([useLanguageStore.getState().load(), usePolicyStore.getState().load(), resumeOffer])
    .catch(() => undefined)
    .finally(() => {
      createRoot(root).render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
    });
}
