/**
 * The control prompt is a native dialog from the main process: web content can neither draw
 * a fake one nor click it on the user's behalf. "Decline" is the default and the cancel answer.
 */
import { dialog, type BrowserWindow } from 'electron';
import { REVOKE_SHORTCUT } from '../../shared/control';
import type { Language } from '../../shared/host-api';
import type { ConsentPrompter } from '../services/control/control-service';
import { consentText, shortcutLabel } from '../services/control/consent-text';

export function createConsentDialog(getWindow: () => BrowserWindow | null, language: () => Language): ConsentPrompter {
  return {
    async ask({ consultantName }, signal) {
      const text = consentText(language(), consultantName, shortcutLabel(REVOKE_SHORTCUT, process.platform));
      const options = {
        type: 'question' as const,
        title: text.title,
        message: text.message,
        detail: text.detail,
        buttons: [text.deny, text.allow],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
        signal,
      };
      const window = getWindow();
      const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return !signal.aborted && response === 1;
    },
  };
}
