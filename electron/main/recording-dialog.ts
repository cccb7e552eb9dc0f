/**
 * The recording prompt is a native dialog from the main process, like control's: web content
 * can neither fake it nor answer it. "Decline" is the default and the cancel answer, so a
 * stray Enter or Escape never starts a recording.
 */
import { app, dialog, type MessageBoxOptions } from 'electron';
import type { RecordingPrompter } from '../services/recording/recording-consent';
import { recordingPromptText } from '../services/recording/recording-text';
import { displayName, resolveLanguage, type ConsentDialogDeps } from './consent-dialog';

export function createRecordingDialog(deps: ConsentDialogDeps): RecordingPrompter {
  return {
    async ask({ consultantName, required }, signal) {
      const language = resolveLanguage(deps.language(), app.getPreferredSystemLanguages());
      const text = recordingPromptText(language, displayName(consultantName), required);
      const options: MessageBoxOptions = {
        type: 'question',
        title: text.title,
        message: text.message,
        detail: text.detail,
        buttons: [text.deny, text.allow],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
        // Closes the box when the request is withdrawn (the session ended).
        signal,
      };
      const parent = deps.parentWindow();
      const { response } = parent && !parent.isDestroyed() ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return !signal.aborted && response === 1;
    },
  };
}
