import type { RequestDetail } from '../../../../shared/queue';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';
import { queueConsole } from '../../queue/queue';
import type { Colleague } from '../../queue/queue-state';
import { CheckList } from '../../toolkit/check-list';
import { CloseRequestForm } from './close-request-form';
import { HandoffForm } from './handoff-form';
import { IntakeSummary } from './intake-summary';
import { MailThread } from './mail-thread';
import { QueueItemFacts } from './queue-item-summary';

const loadColleagues = () => queueConsole.loadColleagues();

/** One request in full: description, added details, the attached check-up; claim, hand over or close. */
export function QueueRequestDetail({ detail, me, colleagues, problem }: { detail: RequestDetail; me: number; colleagues: Colleague[] | null; problem: string | null }) {
  const t = useT();
  const held = detail.claimedBy?.id === me;
  const claimable = detail.state === 'waiting' && (detail.assignedTo === null || detail.assignedTo.id === me);
  return (
    <section className="panel queue-detail" data-testid="queue-detail">
      <ScreenHeading>{t('queue.detailTitle', { name: detail.contactName })}</ScreenHeading>
      <QueueItemFacts item={detail} waitingMs={detail.waitingMs} />
      <IntakeSummary detail={detail} />
      {detail.description !== '' && (
        <>
          <h2>{t('queue.description')}</h2>
          <p className="queue-description">{detail.description}</p>
        </>
      )}
      {detail.details.length > 0 && (
        <>
          <h2>{t('queue.addedDetails')}</h2>
          <ul>
            {detail.details.map((added) => (
              <li key={added.at + added.text} className="queue-description">
                {added.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {detail.mail && <MailThread requestId={detail.id} mail={detail.mail} onReply={(text) => queueConsole.mailReply(detail.id, text)} />}
      {!detail.mail && <h2>{t('queue.diagnosticsTitle')}</h2>}
      {!detail.mail && (detail.diagnostics ? <CheckList results={detail.diagnostics.results} /> : <p className="muted">{t('queue.noDiagnostics')}</p>)}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        {claimable && detail.mail && (
          <button type="button" className="primary" aria-describedby={`invite-hint-${detail.id}`} onClick={() => queueConsole.mailInvite(detail.id)}>
            {t('queue.mailInvite')}
          </button>
        )}
        {claimable && !detail.mail && (
          <button type="button" className="primary" onClick={() => queueConsole.claim(detail.id)}>
            {t('queue.claim')}
          </button>
        )}
        {held && (
          <button type="button" onClick={() => (detail.mail ? queueConsole.mailInvite(detail.id) : queueConsole.claim(detail.id))}>
            {t(detail.mail ? 'queue.mailInvite' : 'queue.newCode')}
          </button>
        )}
        <button type="button" onClick={() => queueConsole.hideDetail()}>
          {t('queue.backToList')}
        </button>
      </div>
      {detail.mail && (claimable || held) && (
        <p id={`invite-hint-${detail.id}`} className="muted">
          {t('queue.mailInviteHint')}
        </p>
      )}
      {held && <HandoffForm requestId={detail.id} me={me} colleagues={colleagues} onLoad={loadColleagues} onHandOff={(id) => queueConsole.handOff(detail.id, id)} />}
      {held && <CloseRequestForm requestId={detail.id} onClose={(outcome, note) => queueConsole.closeRequest(detail.id, outcome, note)} />}
    </section>
  );
}
