import { useState, type FormEvent } from 'react';
import { freeText } from '../../../../shared/names';
import { REQUEST_LIMITS } from '../../../../shared/queue';
import { ScreenHeading } from '../../components/screen-heading';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/language-store';
import { durationText } from '../../queue/duration';
import type { HelpRequestState } from '../../queue/help-request-state';
import { requestProblemText } from './ask-help-form';

type OpenRequest = Extract<HelpRequestState, { phase: 'open' }>;

const titles: Record<OpenRequest['state'], MessageKey> = {
  waiting: 'request.status.waitingTitle',
  claimed: 'request.status.claimedTitle',
  closed: 'request.status.closedTitle',
  cancelled: 'request.status.cancelledTitle',
  expired: 'request.status.expiredTitle',
  dismissed: 'request.status.dismissedTitle',
};

/** While waiting: place in the queue, the estimate in calm words, add details, cancel. */
export function RequestStatus({ request, onAddDetails, onCancel, onDone }: { request: OpenRequest; onAddDetails: (text: string) => void; onCancel: () => void; onDone: () => void }) {
  const t = useT();
  const [detail, setDetail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const open = request.state === 'waiting' || request.state === 'claimed';
  const estimate = request.estimatedWaitMs === null ? null : durationText(request.estimatedWaitMs);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const parsed = freeText(REQUEST_LIMITS.detailText).safeParse(detail);
    setInvalid(!parsed.success);
    if (!parsed.success) return;
    onAddDetails(parsed.data);
    setDetail('');
  };

  return (
    <section className="panel request-status" data-testid="request-status" data-state={request.state} data-position={request.position ?? ''}>
      <ScreenHeading>{t(titles[request.state], { organisation: request.organisation })}</ScreenHeading>
      <div role="status" data-testid="request-position">
        {request.state === 'waiting' && !request.pastTarget && request.position !== null && <p className="lead">{t('request.status.position', { position: request.position })}</p>}
        {request.state === 'waiting' && request.pastTarget && (
          <p data-testid="past-target">{request.position !== null ? t('request.status.pastTarget', { position: request.position }) : t('request.status.pastTargetNoPosition')}</p>
        )}
        {request.state === 'waiting' && !request.pastTarget && <p>{estimate ? t('request.status.estimate', { time: t(estimate.key, estimate.vars) }) : t('request.status.soon')}</p>}
        {request.state === 'waiting' && request.handedOff && <p>{t('request.status.handedOff')}</p>}
        {request.state === 'claimed' && request.claimedBy && <p>{t('request.status.claimedBy', { name: request.claimedBy.name, organisation: request.claimedBy.organisation })}</p>}
        {request.state === 'closed' && <p>{t('request.status.closed')}</p>}
        {request.state === 'cancelled' && <p>{t('request.status.cancelled')}</p>}
        {request.state === 'expired' && <p>{t('request.status.expired')}</p>}
        {/* Neutral on purpose: a real person caught in a dismissal of abuse is not accused of anything. */}
        {request.state === 'dismissed' && <p>{t('request.status.dismissed')}</p>}
        {!request.online && <p className="warning">{t('request.status.reconnecting')}</p>}
      </div>
      {request.state === 'waiting' && <p className="muted">{t('request.status.calm')}</p>}
      {request.problem && (
        <p className="problem" role="alert" data-testid="problem" data-problem={request.problem}>
          {t(requestProblemText[request.problem])}
        </p>
      )}
      {open && request.detailsCount < REQUEST_LIMITS.details && (
        <form className="add-details" onSubmit={add} noValidate>
          <label htmlFor="request-detail">{t('request.addDetailsLabel')}</label>
          <textarea
            id="request-detail"
            rows={2}
            maxLength={REQUEST_LIMITS.detailText}
            value={detail}
            aria-invalid={invalid}
            aria-describedby="request-detail-count"
            onChange={(event) => setDetail(event.target.value)}
          />
          <p className="muted" id="request-detail-count">
            {t('request.detailsCount', { count: request.detailsCount, max: REQUEST_LIMITS.details })}
          </p>
          <div className="actions">
            <button type="submit">{t('request.addDetails')}</button>
          </div>
        </form>
      )}
      <div className="actions">
        {open ? (
          <button type="button" className="danger" onClick={onCancel}>
            {t('request.cancel')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={onDone}>
            {t('common.home')}
          </button>
        )}
      </div>
    </section>
  );
}
