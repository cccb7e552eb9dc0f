import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AUDIT_TYPES, type AuditType } from '../../../../shared/audit';
import { auditReader } from '../../audit/audit';
import type { AuditProblem } from '../../audit/audit-reader';
import { useAuditStore } from '../../audit/audit-store';
import { queueConsole } from '../../queue/queue';
import { useQueueStore } from '../../queue/queue-store';
import { detailLine, emptyFilterFields, filterFromFields, type AuditFilterFields } from '../../audit/audit-filter-form';
import { ScreenHeading } from '../../components/screen-heading';
import type { MessageKey } from '../../i18n/i18n';
import { useLanguageStore, useT } from '../../i18n/language-store';

const problemText: Record<AuditProblem, MessageKey> = {
  forbidden: 'audit.problem.forbidden',
  lost: 'account.problem.connectionLost',
  failed: 'problem.protocol',
};

/** Names of the details the server records, in the reader's language (others show as recorded). */
const detailKeys: Partial<Record<string, MessageKey>> = {
  slug: 'audit.detail.slug',
  name: 'audit.detail.name',
  role: 'audit.detail.role',
  category: 'audit.detail.category',
  diagnostics: 'audit.detail.diagnostics',
  from: 'audit.detail.from',
  to: 'audit.detail.to',
  outcome: 'audit.detail.outcome',
  scope: 'audit.detail.scope',
  consultantName: 'audit.detail.consultantName',
  verified: 'audit.detail.verified',
  reason: 'audit.detail.reason',
  paired: 'audit.detail.paired',
  totp: 'audit.detail.totp',
  durationMs: 'audit.detail.durationMs',
  repairId: 'audit.detail.repairId',
  status: 'audit.detail.status',
  bytes: 'audit.detail.bytes',
};

const invalidText: Record<'fromDay' | 'toDay' | 'session', MessageKey> = {
  fromDay: 'audit.invalid.fromDay',
  toDay: 'audit.invalid.toDay',
  session: 'audit.invalid.session',
};

/** An admin's view of their organisation's audit trail: filter, read, export as CSV. */
export function AuditScreen({ organisation, session, onBack }: { organisation: string; session?: string | undefined; onBack: () => void }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const state = useAuditStore((store) => store.state);
  const [fields, setFields] = useState<AuditFilterFields>({ ...emptyFilterFields, session: session ?? '' });
  const [invalid, setInvalid] = useState<keyof typeof invalidText | null>(null);

  useEffect(() => {
    auditReader.open(session === undefined ? {} : { session });
    return () => auditReader.close();
  }, [session]);
  // The organisation's consultants, for the "Consultant" filter (the queue console keeps the list).
  const colleagues = useQueueStore((store) => store.state.colleagues);
  useEffect(() => queueConsole.loadColleagues(), []);

  const fromField = useRef<HTMLInputElement>(null);
  const toField = useRef<HTMLInputElement>(null);
  const sessionField = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = filterFromFields(fields);
    setInvalid(result.ok ? null : result.field);
    if (result.ok) void auditReader.search(result.filter);
    else ({ fromDay: fromField, toDay: toField, session: sessionField })[result.field].current?.focus();
  };
  const words = { key: (name: string) => (detailKeys[name] ? t(detailKeys[name]) : name), boolean: (value: boolean) => t(value ? 'audit.yes' : 'audit.no') };
  const set = (change: Partial<AuditFilterFields>) => setFields((current) => ({ ...current, ...change }));
  /** A session's whole story: every entry with its id, whatever else was filtered. */
  const showSession = (session: string) => {
    setFields({ ...emptyFilterFields, session });
    setInvalid(null);
    void auditReader.search({ session });
  };
  const busy = state.loading || state.exporting !== null;
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  const describedBy = (field: keyof typeof invalidText) => (invalid === field ? 'audit-invalid' : undefined);

  return (
    <section className="panel audit" data-testid="audit-screen">
      <ScreenHeading>{t('audit.title', { organisation })}</ScreenHeading>
      <p>{t('audit.intro')}</p>
      <form className="audit-filter" onSubmit={submit} noValidate aria-label={t('audit.filterLabel')}>
        <div>
          <label htmlFor="audit-type">{t('audit.typeLabel')}</label>
          <select id="audit-type" value={fields.type} onChange={(event) => set({ type: event.target.value as AuditType | '' })}>
            <option value="">{t('audit.allTypes')}</option>
            {AUDIT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`audit.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-consultant">{t('audit.consultantLabel')}</label>
          <select id="audit-consultant" value={fields.consultant} onChange={(event) => set({ consultant: event.target.value })}>
            <option value="">{t('audit.everyone')}</option>
            {(colleagues ?? []).map((colleague) => (
              <option key={colleague.id} value={String(colleague.id)}>
                {colleague.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from">{t('audit.fromLabel')}</label>
          <input ref={fromField} id="audit-from" type="date" value={fields.fromDay} aria-invalid={invalid === 'fromDay'} aria-describedby={describedBy('fromDay')} onChange={(event) => set({ fromDay: event.target.value })} />
        </div>
        <div>
          <label htmlFor="audit-to">{t('audit.toLabel')}</label>
          <input ref={toField} id="audit-to" type="date" value={fields.toDay} aria-invalid={invalid === 'toDay'} aria-describedby={describedBy('toDay')} onChange={(event) => set({ toDay: event.target.value })} />
        </div>
        <div>
          <label htmlFor="audit-session">{t('audit.sessionLabel')}</label>
          <input ref={sessionField} id="audit-session" value={fields.session} maxLength={40} spellCheck={false} aria-invalid={invalid === 'session'} aria-describedby={describedBy('session')} onChange={(event) => set({ session: event.target.value })} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('audit.show')}
          </button>
        </div>
      </form>
      {invalid !== null && (
        <p className="problem" role="alert" id="audit-invalid">
          {t(invalidText[invalid])}
        </p>
      )}
      {state.problem !== null && (
        <p className="problem" role="alert" data-testid="audit-problem">
          {t(problemText[state.problem])}
        </p>
      )}
      {/* Announced when a search or export starts and ends, not on every page of an export. */}
      <p className="status" role="status" data-testid="audit-status">
        {state.exporting !== null ? t('audit.exporting') : state.loading ? t('audit.loading') : state.loaded ? t('audit.count', { count: state.entries.length }) : ''}
      </p>
      {state.exporting !== null && (
        <p className="muted" aria-hidden="true">
          {t('audit.exportProgress', { count: state.exporting })}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void auditReader.exportCsv()} disabled={busy || state.entries.length === 0}>
          {t('audit.export')}
        </button>
        <button type="button" onClick={onBack}>
          {t('audit.back')}
        </button>
      </div>
      {state.loaded && state.entries.length === 0 && !state.loading && state.problem === null && <p className="muted">{t('audit.empty')}</p>}
      {state.entries.length > 0 && (
        <div className="audit-table-wrap">
          <table className="audit-table" data-testid="audit-table">
            <caption className="visually-hidden">{t('audit.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.time')}</th>
                <th scope="col">{t('audit.col.event')}</th>
                <th scope="col">{t('audit.col.by')}</th>
                <th scope="col">{t('audit.col.consultant')}</th>
                <th scope="col">{t('audit.col.session')}</th>
                <th scope="col">{t('audit.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {state.entries.map((entry) => (
                <tr key={entry.id} data-type={entry.type}>
                  <td>{time.format(entry.at)}</td>
                  <td>{t(`audit.type.${entry.type}`)}</td>
                  <td>{t(`audit.actor.${entry.actor}`)}</td>
                  <td>{entry.consultantName ?? ''}</td>
                  <td>
                    {entry.sessionId !== null && (
                      <button type="button" className="link" title={entry.sessionId} aria-label={t('audit.sessionOpen', { id: entry.sessionId })} disabled={busy} onClick={() => showSession(entry.sessionId ?? '')}>
                        {entry.sessionId.slice(0, 8)}
                      </button>
                    )}
                  </td>
                  <td className="audit-detail">{detailLine(entry.detail, words)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {state.more && (
        <div className="actions">
          <button type="button" onClick={() => void auditReader.loadOlder()} disabled={busy}>
            {t('audit.older')}
          </button>
        </div>
      )}
    </section>
  );
}
