import type { Language } from '../../../shared/host-api';

export interface ConsentText {
  title: string;
  message: string;
  detail: string;
  allow: string;
  deny: string;
}

/** The words of the native control prompt; drawn by the OS, so they live here and not in the page. */
export function consentText(language: Language, consultantName: string, shortcut: string): ConsentText {
  if (language === 'fr') {
    return {
      title: 'Tandem — demande de contrôle',
      message: `${consultantName} demande à contrôler votre souris et votre clavier.`,
      detail: `N’acceptez que si vous faites confiance à cette personne. Vous verrez en permanence que le contrôle est actif, et vous pourrez le reprendre à tout moment avec le bouton « Reprendre le contrôle » ou le raccourci ${shortcut}.`,
      allow: 'Autoriser le contrôle',
      deny: 'Refuser',
    };
  }
  return {
    title: 'Tandem — control request',
    message: `${consultantName} asks to control your mouse and keyboard.`,
    detail: `Only allow this if you trust this person. You will always see that control is on, and you can take it back at any moment with the “Take back control” button or the shortcut ${shortcut}.`,
    allow: 'Allow control',
    deny: 'Decline',
  };
}

/** The shortcut as people read it on this platform. */
export function shortcutLabel(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  return accelerator
    .split('+')
    .map((part) => (part === 'CommandOrControl' ? (mac ? '⌘' : 'Ctrl') : mac && part === 'Alt' ? '⌥' : mac && part === 'Shift' ? '⇧' : part))
    .join(mac ? '' : '+');
}
