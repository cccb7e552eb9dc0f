import { formatSessionCode } from '../../shared/session-code';
import type { MailLanguage } from './mail-language';

/**
 * The texts Tandem mails, in French and English: calm, plain, and each one says what to do if
 * the app is not installed. Plain text only (no HTML to render, no remote images to track).
 */
export interface Acknowledgement {
  name: string;
  organisation: string;
  position: number | null;
  estimatedWaitMs: number | null;
  link: string;
  tag: string;
}

const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));

export function acknowledgementText(language: MailLanguage, a: Acknowledgement): string {
  if (language === 'fr') {
    const wait = a.estimatedWaitMs === null ? "Nous ne pouvons pas encore estimer l'attente ; nous vous répondrons dès que possible." : `Attente estimée : environ ${minutes(a.estimatedWaitMs)} min.`;
    return [
      `Bonjour ${a.name},`,
      '',
      `Nous avons bien reçu votre message. Un conseiller de ${a.organisation} va vous répondre.`,
      '',
      ...(a.position === null ? [] : [`Votre place dans la file d'attente : ${a.position}.`]),
      wait,
      '',
      "Pour suivre votre demande dans l'application Tandem, ouvrez ce lien :",
      a.link,
      '',
      "Si Tandem n'est pas installé sur votre ordinateur, ce n'est pas grave : répondez simplement à ce message, un conseiller vous répondra ici.",
      `Merci de garder ${a.tag} dans l'objet si vous répondez.`,
      '',
      `L'assistance de ${a.organisation}`,
    ].join('\n');
  }
  const wait = a.estimatedWaitMs === null ? 'We cannot estimate the wait yet; we will answer as soon as we can.' : `Expected wait: about ${minutes(a.estimatedWaitMs)} min.`;
  return [
    `Hello ${a.name},`,
    '',
    `We have received your message. A consultant of ${a.organisation} will answer you.`,
    '',
    ...(a.position === null ? [] : [`Your place in the queue: ${a.position}.`]),
    wait,
    '',
    'To follow your request in the Tandem app, open this link:',
    a.link,
    '',
    'If Tandem is not installed on your computer, that is fine: simply reply to this e-mail and a consultant will answer you here.',
    `Please keep ${a.tag} in the subject when you reply.`,
    '',
    `The ${a.organisation} help desk`,
  ].join('\n');
}

export function replyText(language: MailLanguage, text: string, consultant: string, organisation: string): string {
  const signature = language === 'fr' ? `${consultant}, assistance de ${organisation}` : `${consultant}, ${organisation} help desk`;
  return `${text}\n\n-- \n${signature}`;
}

export interface Invitation {
  consultant: string;
  organisation: string;
  code: string;
  validForMs: number;
  link: string;
  /** Where to get the app, if the deployment says (MAIL_APP_DOWNLOAD_URL). */
  downloadUrl: string | null;
}

export function invitationText(language: MailLanguage, i: Invitation): string {
  const code = formatSessionCode(i.code);
  if (language === 'fr') {
    return [
      'Bonjour,',
      '',
      `${i.consultant} (${i.organisation}) est prêt à vous aider sur votre écran, maintenant.`,
      '',
      `Si Tandem est installé, ouvrez ce lien : ${i.link}`,
      `Sinon, ${i.downloadUrl === null ? 'installez Tandem' : `installez Tandem depuis ${i.downloadUrl}`}, ouvrez-le, choisissez « Obtenir de l’aide » et tapez ce code : ${code}`,
      '',
      `Le code reste valable environ ${minutes(i.validForMs)} min. Vous verrez qui vous aide et vous déciderez vous-même de partager votre écran.`,
      "Si ce n'est pas le bon moment, répondez simplement à ce message.",
      '',
      `${i.consultant}, assistance de ${i.organisation}`,
    ].join('\n');
  }
  return [
    'Hello,',
    '',
    `${i.consultant} (${i.organisation}) is ready to help you on your screen, now.`,
    '',
    `If Tandem is installed, open this link: ${i.link}`,
    `If not, ${i.downloadUrl === null ? 'install Tandem' : `install Tandem from ${i.downloadUrl}`}, open it, choose "Get help" and type this code: ${code}`,
    '',
    `The code stays valid for about ${minutes(i.validForMs)} min. You will see who is helping you and you decide yourself whether to share your screen.`,
    'If now is not a good time, simply reply to this e-mail.',
    '',
    `${i.consultant}, ${i.organisation} help desk`,
  ].join('\n');
}

/** "Re: <subject> [#TOKEN]", without piling up "Re:" or the tag. */
export function threadSubject(subject: string, tag: string): string {
  const bare = subject.replace(/\[#[0-9A-Z]{8}\]/gi, '').replace(/^\s*((re|aw|tr|fwd?)\s*:\s*)+/i, '').trim() || '(no subject)';
  return `Re: ${bare} ${tag}`.slice(0, 250);
}
