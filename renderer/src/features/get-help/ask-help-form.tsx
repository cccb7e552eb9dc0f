import { useEffect, useState, type FormEvent } from 'react';
import type { DiagnosticsReport } from '../../../../shared/diagnostics';
import { INTAKE, intakeProblem, intakeSchema, type Intake } from '../../../../shared/intake';
import { freeText, organisationSlugSchema, personNameSchema } from '../../../../shared/names';
import { REQUEST_LIMITS, type RequestCategory } from '../../../../shared/queue';
import { ScreenHeading } from '../../components/screen-heading';
import { getHost } from '../../host/host';
import type { MessageKey } from '../../i18n/i18n';
import { useLanguageStore, useT } from '../../i18n/language-store';
import type { NewHelpRequest } from '../../queue/help-request';
import type { RequestProblem } from '../../queue/help-request-state';
import { listOrganisations, type OrganisationChoice } from '../../queue/organisations';
import { connectSignaling } from '../../session/signaling-client';
import { DiagnosticsAttach } from './diagnostics-attach';
import { CategoryChoices, IntakeQuestions, type IntakeDraft } from './intake-questions';

export const requestProblemText: Record<RequestProblem, MessageKey> = {
  'unknown-organisation': 'request.problem.unknownOrganisation',
  'rate-limited': 'request.problem.rateLimited',
  'queue-full': 'request.problem.queueFull',
  'too-many-waiting': 'request.problem.tooManyWaiting',
  'server-unreachable': 'problem.serverUnreachable',
  'limit-reached': 'request.problem.limitReached',
  'request-gone': 'request.problem.requestGone',
  protocol: 'problem.protocol',
};

type Invalid = 'category' | 'answers' | 'description' | 'name' | 'organisation';
const invalidText: Record<Invalid, MessageKey> = {
  category: 'request.invalidCategory',
  answers: 'request.invalidAnswers',
  description: 'request.invalidDescription',
  name: 'request.invalidName',
  organisation: 'request.invalidOrganisation',
};

/** The answers given, in the order asked, or null when one does not fit (control characters pasted in). */
export function intakeOf(category: RequestCategory, draft: IntakeDraft): Intake | null {
  const answers = INTAKE[category].questions.map((q) => ({ question: q.id, answer: (draft[q.id] ?? '').trim() })).filter((a) => a.answer !== '');
  const parsed = intakeSchema.safeParse({ answers });
  return parsed.success && intakeProblem(category, parsed.data) === null ? parsed.data : null;
}

function useOrganisations(setOrganisation: (update: (current: string) => string) => void): OrganisationChoice[] | null | undefined {
  const [organisations, setOrganisations] = useState<OrganisationChoice[] | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void getHost()
      .settings.get()
      .then(async (settings) => {
        const list = await listOrganisations({ connect: connectSignaling, serverUrl: () => Promise.resolve(settings.serverUrl) });
        if (!live) return;
        setOrganisations(list);
        // The organisation from the settings comes first; a server with one organisation needs no choice.
        const preferred = settings.organisation || (list?.length === 1 ? (list[0]?.slug ?? '') : '');
        setOrganisation((current) => current || preferred);
      });
    return () => {
      live = false;
    };
  }, [setOrganisation]);
  return organisations;
}

/**
 * "Ask for help", in two steps: first what kind of trouble it is, then that kind's few short
 * questions, anything else in the person's words, who they are, and (if they agree) the
 * check-up that matters for that kind. Each step's heading takes focus when it appears.
 */
export function AskHelpForm({ busy, problem, onSubmit, onBack }: { busy: boolean; problem: RequestProblem | null; onSubmit: (request: NewHelpRequest) => void; onBack: () => void }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const [step, setStep] = useState<'kind' | 'details'>('kind');
  const [category, setCategory] = useState<RequestCategory | null>(null);
  const [draft, setDraft] = useState<IntakeDraft>({});
  const [description, setDescription] = useState('');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const organisations = useOrganisations(setOrganisation);
  const [diagnostics, setDiagnostics] = useState<DiagnosticsReport | undefined>(undefined);
  const [invalid, setInvalid] = useState<Invalid | null>(null);

  const choose = (next: RequestCategory) => {
    // Another kind of trouble asks other questions and attaches other checks: start those afresh.
    if (next !== category) {
      setDraft({});
      setDiagnostics(undefined);
    }
    setCategory(next);
  };

  const next = (event: FormEvent) => {
    event.preventDefault();
    setInvalid(category === null ? 'category' : null);
    if (category !== null) setStep('details');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (category === null) return setStep('kind');
    const intake = intakeOf(category, draft);
    const written = description.trim();
    const checks: [Invalid, boolean][] = [
      ['answers', intake !== null],
      ['description', written === '' ? (intake?.answers.length ?? 0) > 0 : freeText(REQUEST_LIMITS.description).safeParse(written).success],
      ['name', personNameSchema.safeParse(name).success],
      ['organisation', organisationSlugSchema.safeParse(organisation).success],
    ];
    const failed = checks.find(([, ok]) => !ok)?.[0] ?? null;
    setInvalid(failed);
    if (failed !== null || intake === null) return;
    // Remembered for next time, like the consultant's name.
    void getHost().settings.update({ organisation });
    onSubmit({ organisation, category, contactName: name.trim(), intake, ...(written ? { description: written } : {}), ...(diagnostics ? { diagnostics } : {}) });
  };

  const described = (field: Invalid, hint?: string) => [hint, invalid === field ? 'ask-invalid' : undefined].filter(Boolean).join(' ') || undefined;
  const problems = (
    <>
      {invalid && (
        <p className="problem" role="alert" id="ask-invalid" data-testid="problem" data-problem={`invalid-${invalid}`}>
          {t(invalidText[invalid])}
        </p>
      )}
      {!invalid && problem && (
        <p className="problem" role="alert" data-testid="problem" data-problem={problem}>
          {t(requestProblemText[problem])}
        </p>
      )}
    </>
  );

  if (step === 'kind' || category === null) {
    return (
      <form className="panel ask-help" onSubmit={next} noValidate data-testid="ask-help-form" data-step="kind">
        <ScreenHeading key="kind">{t('request.title')}</ScreenHeading>
        <p>{t('request.intro')}</p>
        <CategoryChoices legend={t('request.categoryLabel')} value={category} invalid={invalid === 'category'} describedBy={described('category')} onChange={choose} />
        {problems}
        <div className="actions">
          <button type="submit" className="primary">
            {t('request.next')}
          </button>
          <button type="button" onClick={onBack}>
            {t('request.backToCode')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <form className="panel ask-help" onSubmit={submit} noValidate data-testid="ask-help-form" data-step="details">
      <ScreenHeading key="details">{t('request.detailsTitle', { category: INTAKE[category].label[language] })}</ScreenHeading>
      <p>{t('request.detailsIntro')}</p>
      <IntakeQuestions category={category} legend={t('request.questionsLegend')} draft={draft} onChange={setDraft} />
      <label htmlFor="request-description">{t('request.descriptionLabel')}</label>
      <textarea
        id="request-description"
        rows={3}
        maxLength={REQUEST_LIMITS.description}
        value={description}
        aria-invalid={invalid === 'description'}
        aria-describedby={described('description', 'request-description-hint')}
        onChange={(event) => setDescription(event.target.value)}
      />
      <p className="muted" id="request-description-hint">
        {t('request.descriptionHint')}
      </p>
      <label htmlFor="request-name">{t('request.nameLabel')}</label>
      <input id="request-name" autoComplete="name" maxLength={60} value={name} aria-invalid={invalid === 'name'} aria-describedby={described('name')} onChange={(event) => setName(event.target.value)} />
      <label htmlFor="request-organisation">{t('request.organisationLabel')}</label>
      {organisations ? (
        <select id="request-organisation" value={organisation} aria-invalid={invalid === 'organisation'} aria-describedby={described('organisation')} onChange={(event) => setOrganisation(event.target.value)}>
          <option value="">{t('request.chooseOrganisation')}</option>
          {organisations.map((choice) => (
            <option key={choice.slug} value={choice.slug}>
              {choice.name}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input
            id="request-organisation"
            autoComplete="organization"
            maxLength={40}
            value={organisation}
            aria-invalid={invalid === 'organisation'}
            aria-describedby={described('organisation', 'request-organisation-hint')}
            onChange={(event) => setOrganisation(event.target.value.trim().toLowerCase())}
          />
          <p className="muted" id="request-organisation-hint">
            {t('request.organisationHint')}
          </p>
        </>
      )}
      <DiagnosticsAttach key={category} checks={INTAKE[category].checks} onChange={setDiagnostics} />
      {problems}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('request.sending') : t('request.send')}
        </button>
        <button
          type="button"
          onClick={() => {
            // The check-up is attached again on the way back (the person sees it before it goes).
            setDiagnostics(undefined);
            setInvalid(null);
            setStep('kind');
          }}
        >
          {t('request.changeCategory')}
        </button>
      </div>
    </form>
  );
}
