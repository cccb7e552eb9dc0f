import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { getHost } from './host/host';
import { startAppEvents } from './host/app-events';
import { useLanguageStore } from './i18n/language-store';
import { usePolicyStore } from './policy/policy-store';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // At once, not after the first paint: the host sends a start-up tandem://join link as soon as the page has loaded.
  startAppEvents(getHost());
  // The language and the organisation's policy load before the first paint, so nobody sees
  // the UI switch language or colours.
  void Promise.all([useLanguageStore.getState().load(), usePolicyStore.getState().load()])
    .catch(() => undefined)
    .finally(() => {
      createRoot(root).render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
    });
}
