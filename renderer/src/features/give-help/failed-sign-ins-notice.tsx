import { useT } from '../../i18n/language-store';

interface FailedSignInsNoticeProps {
  count: number;
  onDismiss: () => void;
}

/** "N failed sign-ins from other places since your last visit": someone may be trying the password. */
export function FailedSignInsNotice({ count, onDismiss }: FailedSignInsNoticeProps) {
  const t = useT();
  return (
    <div className="panel notice" role="status" data-testid="failed-sign-ins-notice">
      <p>{t(count === 1 ? 'account.failedElsewhere.one' : 'account.failedElsewhere.many', { count })}</p>
      <p>{t('account.failedElsewhere.advice')}</p>
      <button type="button" onClick={onDismiss}>
        {t('account.failedElsewhere.dismiss')}
      </button>
    </div>
  );
}
