/**
 * Each repair is approved in a native dialog from the main process, like control: web
 * content cannot fake the question or answer it. "Don't run" is the default and cancel answer.
 */
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { RepairPrompter } from '../services/toolkit/toolkit-service';
import { repairPromptText } from '../services/toolkit/repair-text';
import { displayName, resolveLanguage, type ConsentDialogDeps } from './consent-dialog';

export function createRepairDialog(deps: ConsentDialogDeps): RepairPrompter {
  return {
    async confirm({ action, consultantName }) {
      const language = resolveLanguage(deps.language(), app.getPreferredSystemLanguages());
      const text = repairPromptText(language, action, displayName(consultantName));
      const options: MessageBoxOptions = {
        type: 'warning',
        title: text.title,
        message: text.message,
        detail: text.detail,
        buttons: [text.cancel, text.run],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const parent: BrowserWindow | null = deps.parentWindow();
      const { response } = parent && !parent.isDestroyed() ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return response === 1;
    },
  };
}
