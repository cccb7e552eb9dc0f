/**
 * The intake as plain text in one language, for the e-mail reply (no HTML, no markup): the
 * person can answer in their own words under each numbered question.
 */
import { INTAKE, type IntakeQuestion } from './intake';
import { REQUEST_CATEGORIES, type RequestCategory } from './request-category';
import type { Language } from './settings';

const HEADINGS = {
  en: { kind: 'What kind of trouble is it?', questions: 'A few short questions:', ifKind: 'If it is about:' },
  fr: { kind: 'De quel genre de problème s’agit-il ?', questions: 'Quelques questions courtes :', ifKind: 'S’il s’agit de :' },
} as const;

const questionLines = (questions: readonly IntakeQuestion[], language: Language, indent: string): string[] =>
  questions.map((q, index) => {
    const choices = q.kind === 'choice' ? ` (${q.options.map((o) => o.label[language]).join(' / ')})` : '';
    return `${indent}${index + 1}. ${q.label[language]}${choices}`;
  });

/**
 * With a category: its questions, numbered. Without: the list of kinds of trouble, then the
 * questions of each, so one e-mail can ask everything before anyone knows the kind.
 */
export function intakeText(language: Language, category?: RequestCategory): string {
  const words = HEADINGS[language];
  if (category) return [INTAKE[category].label[language], '', words.questions, ...questionLines(INTAKE[category].questions, language, '')].join('\n');
  const kinds = REQUEST_CATEGORIES.map((c) => `- ${INTAKE[c].label[language]}`);
  const perKind = REQUEST_CATEGORIES.flatMap((c) => ['', `${words.ifKind} ${INTAKE[c].label[language]}`, ...questionLines(INTAKE[c].questions, language, '  ')]);
  return [words.kind, ...kinds, ...perKind].join('\n');
}
