import { useEffect } from 'react';
import type { VerifiedIdentity } from '../../../../shared/names';
import { useT } from '../../i18n/language-store';

/**
 * A consultant took the request: said at once (role=alert), shown, and put in the window
 * title so a person who switched to another window notices it in the taskbar.
 */
export function ClaimedAlert({ helper }: { helper: VerifiedIdentity }) {
  const t = useT();
  const title = t('request.claimedWindowTitle');
  useEffect(() => {
    const previous = document.title;
    document.title = title;
    return () => {
      document.title = previous;
    };
  }, [title]);
  return (
    <p className="claimed-alert" role="alert" data-testid="claimed-alert">
      {t('request.claimedAlert', { name: helper.name, organisation: helper.organisation })}
    </p>
  );
}
