import { useEffect, useState, type FormEvent } from 'react';
import type { DiagnosticsReport } from '../../../../shared/diagnostics';
import { freeText, organisationSlugSchema, personNameSchema } from '../../../../shared/names';
import { REQUEST_CATEGORIES, REQUEST_LIMITS, type RequestCategory } from '../../../../shared/queue';
import { ScreenHeading } from '../../components/screen-heading';
import { getHost } from '../../host/host';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/language-store';
import type { NewHelpRequest } from '../../queue/help-request';
import type { RequestProblem } from '../../queue/help-request-state';
import { listOrganisations, type OrganisationChoice } from '../../queue/organisations';
import { connectSignaling } from '../../session/signaling-client';
import { DiagnosticsAttach } from './diagnostics-attach';

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

type Invalid = 'category' | 'description' | 'name' | 'organisation';
const invalidText: Record<Invalid, MessageKey> = {
  category: 'request.invalidCategory',
  description: 'request.invalidDescription',
  name: 'request.invalidName',
  organisation: 'request.invalidOrganisation',
};

/** "Ask for help": what it is about, in the person's words, who they are and where it goes. */
export function AskHelpForm({ busy, problem, onSubmit, onBack }: { busy: boolean; problem: RequestProblem | null; onSubmit: (request: NewHelpRequest) => void; onBack: () => void }) {
  const t = useT();
  const [category, setCategory] = useState<RequestCategory | null>(null);
  const [description, setDescription] = useState('');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [organisations, setOrganisations] = useState<OrganisationChoice[] | null | undefined>(undefined);
  const [diagnostics, setDiagnostics] = useState<DiagnosticsReport | undefined>(undefined);
  const [invalid, setInvalid] = useState<Invalid | null>(null);

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
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checks: [Invalid, boolean][] = [
      ['category', category !== null],
      ['description', freeText(REQUEST_LIMITS.description).safeParse(description).success],
      ['name', personNameSchema.safeParse(name).success],
      ['organisation', organisationSlugSchema.safeParse(organisation).success],
    ];
    const failed = checks.find(([, ok]) => !ok)?.[0] ?? null;
    setInvalid(failed);
    if (failed !== null || category === null) return;
    // Remembered for next time, like the consultant's name.
    void getHost().settings.update({ organisation });
    onSubmit({ organisation, category, description: description.trim(), contactName: name.trim(), ...(diagnostics ? { diagnostics } : {}) });
  };

  const described = (field: Invalid, hint?: string) => [hint, invalid === field ? 'ask-invalid' : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <form className="panel ask-help" onSubmit={submit} noValidate data-testid="ask-help-form">
      <ScreenHeading>{t('request.title')}</ScreenHeading>
      <p>{t('request.intro')}</p>
      <fieldset aria-invalid={invalid === 'category'} aria-describedby={described('category')}>
        <legend>{t('request.categoryLabel')}</legend>
        <div className="category-choices">
          {REQUEST_CATEGORIES.map((option) => (
            <label key={option} className="inline">
              <input type="radio" name="category" value={option} checked={category === option} onChange={() => setCategory(option)} />
              {t(`request.category.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor="request-description">{t('request.descriptionLabel')}</label>
      <textarea
        id="request-description"
        rows={4}
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
      <DiagnosticsAttach onChange={setDiagnostics} />
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
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('request.sending') : t('request.send')}
        </button>
        <button type="button" onClick={onBack}>
          {t('request.backToCode')}
        </button>
      </div>
    </form>
  );
}
