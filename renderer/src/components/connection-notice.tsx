import type { MessageKey } from '../i18n/i18n';
import { useT, type Translate } from '../i18n/language-store';
import { useNow } from '../queue/use-now';
import { useConnectionStore } from '../session/connection-store';
import type { ConnectionStatus } from '../session/session-state';

/** A server that is back within this time is not worth a notice: most restarts and blips are shorter. */
export const SERVER_NOTICE_AFTER_MS = 3000;

type Kind = 'link-lost' | 'peer-away' | 'peer-restarting' | 'server';

/** Which notice the connection's state calls for, most pressing first. */
export function noticeKind(status: ConnectionStatus, now: number, role: 'user' | 'consultant'): Kind | null {
  if (status.link === 'lost') return 'link-lost';
  if (status.peerAway) return status.peerAway.reason === 'restart' && role === 'consultant' ? 'peer-restarting' : 'peer-away';
  if (status.serverAwaySince !== null && now - status.serverAwaySince >= SERVER_NOTICE_AFTER_MS) return 'server';
  return null;
}

/** "1 min 20 s", "45 s". */
export function elapsedText(t: Translate, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? t('reconnect.elapsed', { minutes, seconds }) : t('reconnect.elapsedSeconds', { seconds });
}

/**
 * The calm notice while a connection is being restored. The live region is always in the page
 * (a region that appears with its text is not reliably announced); the waiting timer sits
 * outside it, so a screen reader is not interrupted every second.
 */
export function ConnectionNotice({ peerName, role }: { peerName: string | null; role: 'user' | 'consultant' }) {
  const t = useT();
  const status = useConnectionStore((store) => store.status);
  const now = useNow(1000);
  const kind = noticeKind(status, now, role);
  const text: Record<Kind, () => string> = {
    'link-lost': () => t('reconnect.linkLost'),
    server: () => t('reconnect.server'),
    'peer-away': () => (peerName ? t('reconnect.peerAway', { name: peerName }) : t('reconnect.peerAwayAnon')),
    'peer-restarting': () => t('reconnect.peerRestarting' satisfies MessageKey),
  };
  return (
    <div className="connection-notice" data-testid="connection-notice" data-kind={kind ?? 'none'}>
      <p role="status" aria-live="polite" className={kind ? 'status-update' : 'visually-hidden'}>
        {kind && <span className="spinner" aria-hidden="true" />}
        {kind ? text[kind]() : ''}
      </p>
      {kind === 'peer-restarting' && status.peerAway && (
        <p className="muted" role="timer" data-testid="restart-elapsed">
          {elapsedText(t, now - status.peerAway.since)}
        </p>
      )}
    </div>
  );
}
