import type { RepairAction } from '../../../shared/diagnostics';
import type { Language } from '../../../shared/host-api';

/** Shaped like every native yes/no prompt: "deny" (don't run) is the default and the cancel answer. */
export interface RepairPromptText {
  title: string;
  message: string;
  detail: string;
  allow: string;
  deny: string;
}

/** The words of the native repair prompt: what it changes, and whether the OS will ask for a password. */
export function repairPromptText(language: Language, action: RepairAction, consultantName: string): RepairPromptText {
  const fr = language === 'fr';
  const admin = action.needsAdmin
    ? fr
      ? '\n\nVotre ordinateur vous demandera ensuite un mot de passe administrateur.'
      : '\n\nYour computer will then ask for an administrator password.'
    : '';
  return {
    title: fr ? 'Tandem — réparation proposée' : 'Tandem — proposed repair',
    message: fr ? `${consultantName} propose : ${action.title.fr}` : `${consultantName} proposes: ${action.title.en}`,
    detail: `${fr ? action.explanation.fr : action.explanation.en}${admin}\n\n${fr ? 'Commande' : 'Command'}: ${action.commandPreview}`,
    allow: fr ? 'Lancer la réparation' : 'Run the repair',
    deny: fr ? 'Ne pas lancer' : 'Don’t run it',
  };
}
