/**
 * The guided intake of a help request (issue 17, part 2): what kind of trouble it is, then two to
 * four short questions for that kind, in plain words, in both interface languages. One typed
 * definition serves the app's form, the server's validation and the e-mail reply (intakeText
 * in intake-text.ts renders it as plain text).
 */
import * as z from 'zod';
import type { CheckId } from './diagnostics';
import { freeText } from './names';
import type { RequestCategory } from './request-category';
import type { Language } from './settings';

export type Words = Readonly<Record<Language, string>>;

export const INTAKE_LIMITS = { answer: 300, answers: 4 } as const;

export const INTAKE_QUESTION_IDS = ['what', 'doing', 'since', 'message', 'else-works', 'clicked', 'tried'] as const;
export const intakeQuestionIdSchema = z.enum(INTAKE_QUESTION_IDS);
export type IntakeQuestionId = z.infer<typeof intakeQuestionIdSchema>;

/** A question answered in the person's words, or by one of a few choices (stored by id). */
export type IntakeQuestion =
  | { id: IntakeQuestionId; kind: 'text'; label: Words; hint?: Words }
  | { id: IntakeQuestionId; kind: 'choice'; label: Words; options: readonly { id: string; label: Words }[] };

const since: IntakeQuestion = {
  id: 'since',
  kind: 'choice',
  label: { en: 'Since when?', fr: 'Depuis quand ?' },
  options: [
    { id: 'today', label: { en: 'Today', fr: 'Aujourd’hui' } },
    { id: 'days', label: { en: 'A few days', fr: 'Quelques jours' } },
    { id: 'longer', label: { en: 'Longer than that', fr: 'Plus longtemps' } },
    { id: 'unsure', label: { en: 'I don’t know', fr: 'Je ne sais pas' } },
  ],
};
const message: IntakeQuestion = {
  id: 'message',
  kind: 'text',
  label: { en: 'Is there a message on the screen? What does it say?', fr: 'Un message s’affiche-t-il ? Que dit-il ?' },
  hint: { en: 'Copy it as it is, or leave this empty if there is none.', fr: 'Recopiez-le tel quel, ou laissez vide s’il n’y en a pas.' },
};
const tried: IntakeQuestion = {
  id: 'tried',
  kind: 'text',
  label: { en: 'What have you already tried?', fr: 'Qu’avez-vous déjà essayé ?' },
  hint: { en: 'For example: restarted the computer, unplugged the cable.', fr: 'Par exemple : redémarré l’ordinateur, débranché le câble.' },
};
const text = (id: IntakeQuestionId, en: string, fr: string): IntakeQuestion => ({ id, kind: 'text', label: { en, fr } });

export interface IntakeCategory {
  label: Words;
  questions: readonly IntakeQuestion[];
  /** The checks worth attaching for this kind of trouble; null: the whole check-up. */
  checks: readonly CheckId[] | null;
}

/** In the order the form offers them; "I’m not sure" last. */
export const INTAKE: Readonly<Record<RequestCategory, IntakeCategory>> = {
  'virus-malware': {
    label: { en: 'A virus or something suspicious', fr: 'Un virus ou quelque chose de suspect' },
    questions: [
      text('what', 'What looked suspicious? (a pop-up, a strange e-mail, a slow computer…)', 'Qu’est-ce qui vous a semblé suspect ? (une fenêtre, un e-mail étrange, un ordinateur lent…)'),
      {
        id: 'clicked',
        kind: 'choice',
        label: { en: 'Did you open a link or an attachment, or type a password somewhere?', fr: 'Avez-vous ouvert un lien ou une pièce jointe, ou saisi un mot de passe quelque part ?' },
        options: [
          { id: 'yes', label: { en: 'Yes', fr: 'Oui' } },
          { id: 'no', label: { en: 'No', fr: 'Non' } },
          { id: 'unsure', label: { en: 'I’m not sure', fr: 'Je ne suis pas sûr(e)' } },
        ],
      },
      since,
      tried,
    ],
    checks: ['security.antivirus', 'security.firewall', 'system.updates', 'system.processes', 'system.software'],
  },
  hardware: {
    label: { en: 'A device or a part that failed', fr: 'Un appareil ou une pièce en panne' },
    questions: [
      text('what', 'Which device or part? (screen, keyboard, mouse, disk, battery…)', 'Quel appareil ou quelle pièce ? (écran, clavier, souris, disque, batterie…)'),
      text('doing', 'What happened when it stopped working?', 'Que s’est-il passé quand il a cessé de fonctionner ?'),
      message,
      tried,
    ],
    checks: ['system.os', 'system.cpu', 'system.memory', 'system.disk-space', 'system.disk-health', 'system.battery'],
  },
  network: {
    label: { en: 'No Internet or no network', fr: 'Pas d’Internet ou pas de réseau' },
    questions: [
      text('else-works', 'Does anything else work? (other websites, another device, the Wi-Fi elsewhere)', 'Quelque chose d’autre fonctionne-t-il ? (d’autres sites, un autre appareil, le Wi-Fi ailleurs)'),
      since,
      message,
      tried,
    ],
    checks: ['network.interfaces', 'network.gateway', 'network.dns-system', 'network.dns-custom', 'network.server', 'network.hosts', 'network.proxy', 'network.captive-portal', 'network.wifi'],
  },
  printer: {
    label: { en: 'A printer', fr: 'Une imprimante' },
    questions: [
      text('what', 'Which printer, and what does it do? (nothing, a paper jam, poor prints…)', 'Quelle imprimante, et que fait-elle ? (rien, bourrage, impression de mauvaise qualité…)'),
      text('else-works', 'Can others print on it, or can you print elsewhere?', 'D’autres personnes peuvent-elles y imprimer, ou pouvez-vous imprimer ailleurs ?'),
      message,
      tried,
    ],
    checks: ['printers.status', 'network.interfaces', 'network.gateway'],
  },
  software: {
    label: { en: 'A program', fr: 'Un logiciel' },
    questions: [
      text('what', 'Which program?', 'Quel logiciel ?'),
      text('doing', 'What were you doing when it went wrong?', 'Que faisiez-vous quand le problème est apparu ?'),
      message,
      tried,
    ],
    checks: ['system.os', 'system.software', 'system.updates', 'system.memory', 'system.disk-space'],
  },
  'account-password': {
    label: { en: 'An account or a password', fr: 'Un compte ou un mot de passe' },
    questions: [text('what', 'Which account or service?', 'Quel compte ou quel service ?'), message, tried],
    checks: ['network.server', 'network.dns-system'],
  },
  other: {
    label: { en: 'I’m not sure', fr: 'Je ne sais pas' },
    questions: [text('what', 'What is happening, in your own words?', 'Que se passe-t-il, avec vos mots ?'), since, tried],
    checks: null,
  },
};

/** The question of a category by id, if that category asks it. */
export const intakeQuestion = (category: RequestCategory, id: IntakeQuestionId): IntakeQuestion | undefined => INTAKE[category].questions.find((q) => q.id === id);

export const intakeAnswerSchema = z.strictObject({ question: intakeQuestionIdSchema, answer: freeText(INTAKE_LIMITS.answer) });
export type IntakeAnswer = z.infer<typeof intakeAnswerSchema>;

/** The answers the person gave (questions left empty are simply absent), in the order asked. */
export const intakeSchema = z.strictObject({ answers: z.array(intakeAnswerSchema).max(INTAKE_LIMITS.answers) });
export type Intake = z.infer<typeof intakeSchema>;

/**
 * Why these answers do not fit the category, if they do not: a question that category does
 * not ask, a question answered twice, or a choice that is not one of its options.
 */
export function intakeProblem(category: RequestCategory, intake: Intake): string | null {
  const seen = new Set<IntakeQuestionId>();
  for (const { question, answer } of intake.answers) {
    const asked = intakeQuestion(category, question);
    if (!asked) return `the question "${question}" is not asked for "${category}"`;
    if (seen.has(question)) return `the question "${question}" is answered twice`;
    seen.add(question);
    if (asked.kind === 'choice' && !asked.options.some((option) => option.id === answer)) return `"${question}" must be one of ${asked.options.map((o) => o.id).join(', ')}`;
  }
  return null;
}

/** An answer as the reader sees it: a choice's label, or the person's own words. */
export function answerText(category: RequestCategory, answer: IntakeAnswer, language: Language): string {
  const asked = intakeQuestion(category, answer.question);
  if (asked?.kind !== 'choice') return answer.answer;
  return asked.options.find((option) => option.id === answer.answer)?.label[language] ?? answer.answer;
}
