import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';
import type { ResumeOffer } from '../../session/resume-offer';

/** After a restart of the computer: continue the session with the same person, or not. Nothing is shared before Continue. */
export function ResumePrompt({ offer, onContinue, onDismiss }: { offer: ResumeOffer; onContinue: () => void; onDismiss: () => void }) {
  const t = useT();
  if (offer.status !== 'ready') {
    return (
      <section className="panel" data-testid="resume-problem" data-status={offer.status}>
        <ScreenHeading>{t('resume.title')}</ScreenHeading>
        <p className="lead" role="status">
          {t(offer.status === 'expired' ? 'resume.expired' : 'resume.unreadable')}
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={onDismiss}>
            {t('resume.ok')}
          </button>
        </div>
      </section>
    );
  }
  const { consultantName: name, organisation } = offer.ticket;
  return (
    <section className="panel" data-testid="resume-prompt">
      <ScreenHeading>{t('resume.title')}</ScreenHeading>
      <p className="lead">{organisation ? t('resume.question', { name, organisation }) : t('resume.questionUnverified', { name })}</p>
      <p>{t('resume.detail')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onContinue}>
          {t('resume.continue')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('resume.noThanks')}
        </button>
      </div>
    </section>
  );
}
