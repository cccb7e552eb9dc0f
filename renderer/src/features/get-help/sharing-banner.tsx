import { REVOKE_SHORTCUT } from '../../../../shared/control';
import { useControlStore } from '../../control/control-store';
import { useT } from '../../i18n/language-store';
import { userControl } from '../../control/active-control';
import { FilesPrompts } from './files-prompts';
import { ScreenRequest } from './screen-request';
import { ToolkitPrompts } from './toolkit-prompts';
import { ScreenshotList } from '../../report/screenshot-list';
import { VoicePanel } from '../../voice/voice-panel';
import { ChatPanel, StatusUpdate } from '../../chat/chat-panel';
import { activeSharing } from '../../sharing/active-sharing';
import { useSharingStore } from '../../sharing/sharing-store';
import { HideDrawingsToggle } from '../../overlay/hide-drawings';
import { ConnectionNotice } from '../../components/connection-notice';
import { RecordingIndicator } from '../../recording/recording-indicator';

/** How the revoke shortcut reads on this machine (Electron accelerator → keys). */
const shortcut = REVOKE_SHORTCUT.replace('CommandOrControl', /Mac/i.test(navigator.platform) ? '⌘' : 'Ctrl');

/** Shown for as long as the screen is shared: who is watching, whether they control, and the ways out. */
export function SharingBanner({ peerName, onStop }: { peerName: string | null; onStop: () => void }) {
  const t = useT();
  const control = useControlStore((store) => store.status);
  const paused = useSharingStore((store) => store.paused);
  const name = peerName ?? '';
  return (
    <>
      <StatusUpdate peerName={name} />
      <ConnectionNotice peerName={name} role="user" />
      <section className="sharing-banner" role="region" aria-label={t('get.sharingBanner', { name })} data-testid="sharing-banner">
        <div>
          <p className="sharing-title">
            <span className="dot live" aria-hidden="true" />
            {t('get.sharingBanner', { name })}
          </p>
          <p>{paused ? t('sharing.pausedUser', { name }) : t('get.sharingDetail')}</p>
        </div>
        <div className="banner-actions">
          <button type="button" onClick={() => (paused ? activeSharing()?.resume() : void activeSharing()?.pause())} data-testid="pause-toggle">
            {paused ? t('sharing.resume') : t('sharing.pause')}
          </button>
          <HideDrawingsToggle />
          <button type="button" className="danger large" onClick={onStop}>
            {t('get.stop')}
          </button>
        </div>
      </section>
      <RecordingIndicator peerName={name} />
      {control.state === 'requested' && (
        <p className="status" role="status" data-testid="control-requested">
          {t('control.userRequested', { name })}
        </p>
      )}
      {control.state === 'granted' && (
        <section className="control-banner" role="alert" data-testid="control-banner">
          <div>
            <p className="sharing-title">{t('control.userBanner', { name })}</p>
            <p>{t('control.shortcutHint', { shortcut })}</p>
          </div>
          <button type="button" className="danger large" onClick={() => void userControl()?.revoke()}>
            {t('control.takeBack')}
          </button>
        </section>
      )}
      <ScreenRequest peerName={name} />
      <ToolkitPrompts peerName={name} />
      <FilesPrompts peerName={name} />
      {control.state !== 'granted' && control.reason && control.reason !== 'session-ended' && (
        <p className="muted" data-testid="control-reason" data-reason={control.reason}>
          {/* After a lost connection, the person is told control comes back only if they allow it. */}
          {control.reason === 'heartbeat-lost' ? t('reconnect.controlAgain') : t(`control.reason.${control.reason}`)}
        </p>
      )}
      <ScreenshotList role="user" />
      <VoicePanel peerName={name} />
      <ChatPanel peerName={name} />
    </>
  );
}
