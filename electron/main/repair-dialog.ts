/**
 * Each repair is approved in a native dialog from the main process, like control: web
 * content cannot fake the question or answer it. "Don't run" is the default and cancel answer.
 */
import { app } from 'electron';
import type { RepairPrompter } from '../services/toolkit/toolkit-service';
import { repairPromptText } from '../services/toolkit/repair-text';
import { askNative, displayName, resolveLanguage, type ConsentDialogDeps } from './consent-dialog';

export function createRepairDialog(deps: ConsentDialogDeps): RepairPrompter {
  return {
    confirm({ action, consultantName }) {
      const language = resolveLanguage(deps.language(), app.getPreferredSystemLanguages());
      // A warning, not a question: the answer changes the machine.
      return askNative(deps, repairPromptText(language, action, displayName(consultantName)), { type: 'warning' });
    },
  };
}
