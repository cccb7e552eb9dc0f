/**
 * The control prompt is a native dialog from the main process: web content can neither draw
 * a fake one nor click it on the user's behalf. "Decline" is the default and the cancel answer,
 * so a stray Enter, Space or Escape from someone typing when it pops up never grants control.
 */
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { REVOKE_SHORTCUT } from '../../shared/control';
import type { Language, Settings } from '../../shared/host-api';
import type { ConsentPrompter } from '../services/control/control-service';
import { consentText, shortcutLabel } from '../services/control/consent-text';

export interface ConsentDialogDeps {
  /** The app window the prompt belongs to, when one is open. */
  parentWindow: () => BrowserWindow | null;
  /** The saved language choice; 'system' follows the OS as the page does. */
  language: () => Settings['language'];
}

/** The renderer's rule (pickLanguage): the first OS language Tandem speaks, else English. */
export function resolveLanguage(choice: Settings['language'], systemLocales: readonly string[]): Language {
  if (choice !== 'system') return choice;
  for (const tag of systemLocales) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

/**
 * The consultant's name reaches us through the renderer, so it is untrusted here. On one line
 * and without control or format (bidi override) characters, it cannot add a fake line of its
 * own ("Your IT department approved this") or reorder the dialog's text.
 */
export function displayName(name: string): string {
  const oneLine = name.replace(/[\s\p{Zl}\p{Zp}]+/gu, ' ');
  return oneLine.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu, '').replace(/ {2,}/g, ' ').trim() || '?';
}

/** The words of a native yes/no prompt; "deny" is the default and the cancel answer. */
export interface PromptText {
  title: string;
  message: string;
  detail: string;
  deny: string;
  allow: string;
}

/** How a prompt looks ('warning' for a change to the machine) and what withdraws it, if anything can. */
export interface AskOptions {
  signal?: AbortSignal;
  type?: 'question' | 'warning';
}

/**
 * Shows a native yes/no box from the main process (web content can neither fake nor answer
 * it). Resolves true only for an explicit yes that the signal did not withdraw.
 */
export async function askNative(deps: Pick<ConsentDialogDeps, 'parentWindow'>, text: PromptText, { signal, type = 'question' }: AskOptions = {}): Promise<boolean> {
  const options: MessageBoxOptions = {
    type,
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: [text.deny, text.allow],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    // Closes the box when the request is withdrawn (dead-man, release, session end).
    ...(signal ? { signal } : {}),
  };
  const parent = deps.parentWindow();
  // With a parent the prompt stays with Tandem's window; on macOS the signal also only
  // works with one (a parentless box there is synchronous and cannot be withdrawn).
  const { response } = parent && !parent.isDestroyed() ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  // A withdrawn prompt is a refusal even if a click raced the withdrawal.
  return !signal?.aborted && response === 1;
}

export function createConsentDialog(deps: ConsentDialogDeps): ConsentPrompter {
  return {
    ask({ consultantName }, signal) {
      const language = resolveLanguage(deps.language(), app.getPreferredSystemLanguages());
      return askNative(deps, consentText(language, displayName(consultantName), shortcutLabel(REVOKE_SHORTCUT, process.platform)), { signal });
    },
  };
}
