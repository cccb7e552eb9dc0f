/**
 * The one calm summary a consultant reads first: what kind of trouble, what the check-up found
 * wrong (failing then warning verdicts), what the person answered, and what they already tried.
 */
import type { CheckStatus, DiagnosticsReport } from './diagnostics';
import { answerText, INTAKE, intakeQuestion, type Intake } from './intake';
import type { RequestCategory } from './request-category';
import type { Language } from './settings';

export interface IntakeFacts {
  category: string;
  problems: { status: Extract<CheckStatus, 'fail' | 'warn'>; verdict: string }[];
  answers: { question: string; answer: string }[];
  tried: string | null;
}

export function intakeFacts(category: RequestCategory, intake: Intake | null, diagnostics: DiagnosticsReport | null, language: Language): IntakeFacts {
  const results = diagnostics?.results ?? [];
  const problems = (['fail', 'warn'] as const).flatMap((status) => results.filter((r) => r.status === status).map((r) => ({ status, verdict: r.verdict[language] })));
  const answers = intake?.answers ?? [];
  const tried = answers.find((a) => a.question === 'tried');
  return {
    category: INTAKE[category].label[language],
    problems,
    answers: answers
      .filter((a) => a.question !== 'tried')
      .map((a) => ({ question: intakeQuestion(category, a.question)?.label[language] ?? a.question, answer: answerText(category, a, language) })),
    tried: tried ? tried.answer : null,
  };
}
