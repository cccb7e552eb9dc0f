import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { useLanguageStore } from './i18n/language-store';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // The language loads before the first paint so nobody sees the UI switch language.
  void useLanguageStore
    .getState()
    .load()
    .catch(() => undefined)
    .finally(() => {
      createRoot(root).render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
    });
}
