/**
 * The recording prompt is a native dialog from the main process, like control's: web content
 * can neither fake it nor answer it. "Decline" is the default and the cancel answer, so a
 * stray Enter or Escape never starts a recording.
 */
import { app } from 'electron';
import type { RecordingPrompter } from '../services/recording/recording-consent';
import { recordingPromptText } from '../services/recording/recording-text';
import { askNative, displayName, resolveLanguage, type ConsentDialogDeps } from './consent-dialog';

export function createRecordingDialog(deps: ConsentDialogDeps): RecordingPrompter {
  return {
    ask({ consultantName, required }, signal) {
      const language = resolveLanguage(deps.language(), app.getPreferredSystemLanguages());
      return askNative(deps, recordingPromptText(language, displayName(consultantName), required), { signal });
    },
  };
}
