import { useEffect, useId, useState, type FormEvent } from 'react';
import { serverUrlProblem } from '../../../../shared/host-api';
import { CAPABILITIES } from '../../../../shared/policy';
import { ScreenHeading } from '../../components/screen-heading';
import { getHost } from '../../host/host';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/language-store';
import { usePolicyStore } from '../../policy/policy-store';

type SaveMessage = 'saved' | 'invalid' | 'insecure' | 'locked';

const MESSAGE_KEYS: Record<SaveMessage, MessageKey> = {
  saved: 'settings.saved',
  invalid: 'settings.serverUrlInvalid',
  insecure: 'settings.serverUrlInsecure',
  locked: 'settings.lockedError',
};

/** The app's settings; what the organisation manages is shown locked, with the reason. */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const policy = usePolicyStore((store) => store.policy);
  const [serverUrl, setServerUrl] = useState('');
  const [quickReplies, setQuickReplies] = useState('');
  const [message, setMessage] = useState<SaveMessage | null>(null);
  const id = useId();
  const serverLocked = policy.lockedSettings.includes('serverUrl');
  const off = CAPABILITIES.filter((capability) => !policy.capabilities[capability]);

  useEffect(() => {
    void getHost()
      .settings.get()
      .then((settings) => {
        setServerUrl(settings.serverUrl);
        setQuickReplies((settings.quickReplies ?? []).join('\n'));
      });
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = serverLocked ? null : serverUrlProblem(serverUrl);
    if (problem) {
      setMessage(problem);
      return;
    }
    const replies = quickReplies
      .split('\n')
      .map((line) => line.trim().slice(0, 200))
      .filter(Boolean)
      .slice(0, 10);
    try {
      // A locked server is never part of the patch: the host would refuse it.
      await getHost().settings.update(serverLocked ? { quickReplies: replies } : { serverUrl, quickReplies: replies });
      setMessage('saved');
    } catch {
      setMessage('locked');
    }
  };

  return (
    <form className="panel" onSubmit={(event) => void save(event)} data-testid="settings">
      <ScreenHeading>{t('settings.title')}</ScreenHeading>
      {policy.managed && (
        <p className="managed" data-testid="managed-notice">
          <strong>{t('settings.managed')}</strong> — {t('settings.managedDetail')}
        </p>
      )}
      {policy.problem && (
        <p className="warning" role="alert">
          {t('settings.problem')}
        </p>
      )}
      {off.length > 0 && (
        <p className="muted" data-testid="capabilities-off">
          {t('settings.capabilitiesOff', { list: off.map((capability) => t(`settings.capability.${capability}`)).join(', ') })}
        </p>
      )}
      <label htmlFor={`${id}-server`}>{t('settings.serverUrl')}</label>
      <input
        id={`${id}-server`}
        value={serverUrl}
        readOnly={serverLocked}
        aria-readonly={serverLocked}
        aria-describedby={`${id}-server-hint`}
        data-testid="server-url"
        onChange={(event) => setServerUrl(event.target.value)}
      />
      <p className="muted" id={`${id}-server-hint`}>
        {serverLocked ? <span data-testid="server-locked">🔒 {t('settings.managed')}</span> : t('settings.serverUrlHint')}
      </p>
      {message && (
        <p role="status" className={message === 'saved' ? 'muted' : 'problem'}>
          {t(MESSAGE_KEYS[message])}
        </p>
      )}
      <label htmlFor={`${id}-replies`}>{t('settings.quickReplies')}</label>
      <textarea id={`${id}-replies`} rows={4} value={quickReplies} aria-describedby={`${id}-replies-hint`} onChange={(event) => setQuickReplies(event.target.value)} />
      <p className="muted" id={`${id}-replies-hint`}>
        {t('settings.quickRepliesHint')}
      </p>
      <div className="actions">
        <button type="submit" className="primary">
          {t('settings.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
    </form>
  );
}
