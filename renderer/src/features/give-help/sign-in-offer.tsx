import { useT } from '../../i18n/language-store';

/** On the "Give help" start: signing in (verified, with the queue) comes first; the typed name is the fallback. */
export function SignInOffer({ onSignIn }: { onSignIn: () => void }) {
  const t = useT();
  return (
    <div className="sign-in-offer">
      <h2>{t('account.offerTitle')}</h2>
      <p>{t('account.offerDetail')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onSignIn}>
          {t('account.signIn')}
        </button>
      </div>
      <h2>{t('account.unverifiedTitle')}</h2>
      <p className="muted" id="unverified-hint">
        {t('account.unverifiedDetail')}
      </p>
    </div>
  );
}
