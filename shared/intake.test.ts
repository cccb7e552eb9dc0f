import { describe, expect, it } from 'vitest';
import type { DiagnosticsReport } from './diagnostics';
import { INTAKE, INTAKE_LIMITS, intakeProblem } from './intake';
import { intakeFacts } from './intake-summary';
import { intakeText } from './intake-text';
import { clientMessageSchema } from './signaling';
import { REQUEST_CATEGORIES } from './request-category';

const submit = (extra: Record<string, unknown>) => ({ type: 'request.submit', organisation: 'acme', category: 'network', contactName: 'Uma', ...extra });

describe('the intake definition', () => {
  it('asks two to four questions per category, each once, with words in both languages', () => {
    for (const category of REQUEST_CATEGORIES) {
      const { questions, label } = INTAKE[category];
      expect(questions.length).toBeGreaterThanOrEqual(2);
      expect(questions.length).toBeLessThanOrEqual(INTAKE_LIMITS.answers);
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
      for (const words of [label, ...questions.map((q) => q.label)]) expect(words.fr && words.en).toBeTruthy();
    }
  });

  it('accepts a submission with fitting answers and no description', () => {
    const parsed = clientMessageSchema.safeParse(submit({ intake: { answers: [{ question: 'since', answer: 'today' }, { question: 'tried', answer: 'Restarted the box.' }] } }));
    expect(parsed.success).toBe(true);
  });

  it('refuses hostile intakes with a clear reason', () => {
    const refused = (extra: Record<string, unknown>) => {
      const parsed = clientMessageSchema.safeParse(submit(extra));
      return parsed.success ? null : parsed.error.issues.map((i) => i.message).join('; ');
    };
    expect(refused({ category: 'ransomware', intake: { answers: [{ question: 'what', answer: 'x' }] } })).toMatch(/Invalid option/);
    expect(refused({ intake: { answers: [{ question: 'what', answer: 'x' }] } })).toMatch(/"what" is not asked for "network"/);
    expect(refused({ intake: { answers: [{ question: 'since', answer: 'yesterday' }] } })).toMatch(/"since" must be one of today, days, longer, unsure/);
    expect(refused({ intake: { answers: [{ question: 'tried', answer: 'a' }, { question: 'tried', answer: 'b' }] } })).toMatch(/answered twice/);
    expect(refused({ intake: { answers: [{ question: 'tried', answer: 'x'.repeat(INTAKE_LIMITS.answer + 1) }] } })).toMatch(/Too big/);
    expect(refused({ intake: { answers: [{ question: 'tried', answer: 'x', extra: 1 }] } })).toMatch(/Unrecognized key/);
    expect(refused({ intake: { answers: [], mood: 'sad' } })).toMatch(/Unrecognized key/);
    expect(refused({ intake: { answers: [] } })).toMatch(/describe the problem or answer the questions/);
    expect(refused({})).toMatch(/describe the problem or answer the questions/);
  });
});

describe('intakeText', () => {
  it('renders one category’s questions, numbered with their choices, in the language asked', () => {
    expect(intakeText('en', 'network')).toBe(
      [
        'No Internet or no network',
        '',
        'A few short questions:',
        '1. Does anything else work? (other websites, another device, the Wi-Fi elsewhere)',
        '2. Since when? (Today / A few days / Longer than that / I don’t know)',
        '3. Is there a message on the screen? What does it say?',
        '4. What have you already tried?',
      ].join('\n'),
    );
    expect(intakeText('fr', 'printer')).toContain('1. Quelle imprimante, et que fait-elle ?');
  });

  it('without a category, lists every kind of trouble and then the questions of each', () => {
    const text = intakeText('fr');
    expect(text.startsWith('De quel genre de problème s’agit-il ?\n- Un virus ou quelque chose de suspect')).toBe(true);
    for (const category of REQUEST_CATEGORIES) expect(text).toContain(`S’il s’agit de : ${INTAKE[category].label.fr}`);
    expect(text).not.toMatch(/<|&[a-z]+;/);
  });
});

describe('intakeFacts', () => {
  const result = (id: 'network.gateway' | 'network.dns-system' | 'network.wifi', status: 'ok' | 'warn' | 'fail', en: string) => ({ id, category: 'network' as const, status, verdict: { en, fr: `fr ${en}` }, detail: '', durationMs: 1 });
  const report: DiagnosticsReport = {
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:00:01.000Z',
    platform: 'linux',
    results: [result('network.wifi', 'warn', 'Weak Wi-Fi.'), result('network.dns-system', 'ok', 'Names resolve.'), result('network.gateway', 'fail', 'The router does not answer.')],
  };

  it('puts failing then warning verdicts first, the answers with their questions, and what was tried apart', () => {
    const facts = intakeFacts('network', { answers: [{ question: 'since', answer: 'days' }, { question: 'tried', answer: 'Unplugged the router.' }, { question: 'else-works', answer: 'The phone works.' }] }, report, 'en');
    expect(facts).toEqual({
      category: 'No Internet or no network',
      problems: [
        { status: 'fail', verdict: 'The router does not answer.' },
        { status: 'warn', verdict: 'Weak Wi-Fi.' },
      ],
      answers: [
        { question: 'Since when?', answer: 'A few days' },
        { question: 'Does anything else work? (other websites, another device, the Wi-Fi elsewhere)', answer: 'The phone works.' },
      ],
      tried: 'Unplugged the router.',
    });
    expect(intakeFacts('network', null, null, 'fr')).toEqual({ category: 'Pas d’Internet ou pas de réseau', problems: [], answers: [], tried: null });
  });

  it('checks intakeProblem directly for the e-mail path', () => {
    expect(intakeProblem('other', { answers: [{ question: 'what', answer: 'It beeps.' }] })).toBeNull();
    expect(intakeProblem('other', { answers: [{ question: 'clicked', answer: 'yes' }] })).toMatch(/not asked/);
  });
});
