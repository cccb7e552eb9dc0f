import type { VerifiedIdentity } from '../../../../shared/names';
import { ScreenHeading } from '../../components/screen-heading';
import { useT } from '../../i18n/language-store';

interface ConsentPromptProps {
  peerName: string;
  /** The helper as the server's accounts know them; null: a name typed by whoever started the session. */
  verified: VerifiedIdentity | null;
  onAllow: () => void;
  onDecline: () => void;
  onReport: () => void;
  /** The organisation's policy does not allow this helper: sharing cannot be allowed. */
  blockedByPolicy?: boolean;
}

/** Who wants to see the screen (verified or clearly not), a plain warning against unsolicited "help", and the choice. */
export function ConsentPrompt({ peerName, verified, onAllow, onDecline, onReport, blockedByPolicy = false }: ConsentPromptProps) {
  const t = useT();
  return (
    <section className="panel" data-testid="consent-prompt">
      <ScreenHeading>{t('get.confirmTitle', { name: peerName })}</ScreenHeading>
      {verified ? (
        <p className="identity verified" data-testid="helper-identity" data-verified="true">
          <span className="badge verified">{t('consent.verifiedBadge')}</span> {t('consent.verifiedDetail', { name: verified.name, organisation: verified.organisation })}
        </p>
      ) : (
        <p className="identity unverified" data-testid="helper-identity" data-verified="false">
          <span className="badge unverified">{t('consent.unverifiedBadge')}</span> {t('consent.unverifiedDetail', { name: peerName })}
        </p>
      )}
      {/* Anti-scam friction: the organisation named is the one the server vouches for, never a typed one. */}
      {verified && (
        <p className="warning" role="note" data-testid="anti-scam">
          {t('consent.didYouContact', { organisation: verified.organisation })}
        </p>
      )}
      <p className="warning" role="note">
        {t('get.confirmWarning')}
      </p>
      <p>{t('get.confirmDetail')}</p>
      {blockedByPolicy && (
        <p className="problem" role="alert" data-testid="policy-blocked">
          {t('consent.policyBlocked')}
        </p>
      )}
      <div className="actions">
        {!blockedByPolicy && (
          <button type="button" className="primary" onClick={onAllow}>
            {t('get.allow')}
          </button>
        )}
        <button type="button" onClick={onDecline}>
          {t('get.decline')}
        </button>
      </div>
      <div className="report">
        <p className="muted" id="report-hint">
          {t('consent.reportHint')}
        </p>
        <button type="button" className="link danger-link" aria-describedby="report-hint" onClick={onReport}>
          {t('consent.report')}
        </button>
      </div>
    </section>
  );
}
