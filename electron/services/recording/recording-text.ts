import type { Language } from '../../../shared/host-api';

export interface RecordingPromptText {
  title: string;
  message: string;
  detail: string;
  allow: string;
  deny: string;
}

/** The words of the native recording prompt; drawn by the OS, so they live here and not in the page. */
export function recordingPromptText(language: Language, consultantName: string, required: boolean): RecordingPromptText {
  if (language === 'fr') {
    return {
      title: 'Tandem — demande d’enregistrement',
      message: `${consultantName} demande à enregistrer cette session.`,
      detail: `${required ? 'Votre organisation demande que les sessions soient enregistrées. ' : ''}L’enregistrement contient votre écran partagé et, pendant un appel vocal, vos deux voix, avec la discussion. Vous verrez en permanence qu’il est en cours, et vous pourrez l’arrêter à tout moment avec le bouton « Arrêter l’enregistrement ».`,
      allow: 'Autoriser l’enregistrement',
      deny: 'Refuser',
    };
  }
  return {
    title: 'Tandem — recording request',
    message: `${consultantName} asks to record this session.`,
    detail: `${required ? 'Your organisation asks for sessions to be recorded. ' : ''}The recording holds your shared screen and, during a voice call, both voices, with the chat. You will always see that it is on, and you can stop it at any moment with the “Stop recording” button.`,
    allow: 'Allow recording',
    deny: 'Decline',
  };
}
