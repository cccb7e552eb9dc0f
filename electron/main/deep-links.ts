/**
 * `tandem://join/<code>` and `tandem://request/<id>/<token>` glue: registers the scheme, and
 * hands each validated link to one receiver (join codes go to the join screen, where the user
 * still confirms; request links open the person's help request sent by e-mail). macOS
 * delivers links with `open-url` (possibly before ready: call this before app.whenReady);
 * Windows and Linux start a second instance whose argv carries the link, or start Tandem
 * with it. Session codes are one-time secrets: they are never logged.
 */
import { app } from 'electron';
import type { Logger } from '../../shared/log';
import { DEEP_LINK_SCHEME, findDeepLinkInArgv, parseDeepLink, type DeepLink } from '../services/deep-link';

export interface DeepLinks {
  /** Sets the receiver of validated links; a link that arrived earlier is delivered now. */
  onLink(receiver: (link: DeepLink) => void): void;
}

export function setupDeepLinks(log: Logger, argv: readonly string[] = process.argv): DeepLinks {
  let receiver: ((link: DeepLink) => void) | null = null;
  let pending: DeepLink | null = null;

  // Installers register the scheme (Info.plist, .desktop MimeType, NSIS). This covers
  // per-user installs and a scheme another app took over. Only packaged builds: a
  // development run must not make a bare Electron binary the system's tandem:// handler.
  if (app.isPackaged && !app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)) log.warn('deep-link.register-failed', { scheme: DEEP_LINK_SCHEME });

  function deliver(link: DeepLink | null, via: string): void {
    if (link === null) {
      log.warn('deep-link.rejected', { via });
      return;
    }
    log.info(`deep-link.${link.type}`, { via });
    if (receiver === null) {
      pending = link;
      return;
    }
    try {
      receiver(link);
    } catch (error) {
      log.error('deep-link.receiver-failed', { reason: String(error) });
    }
  }

  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(parseDeepLink(url), 'open-url');
  });
  // single-instance.ts already brings the window forward; this only reads the link.
  app.on('second-instance', (_event, otherArgv) => {
    const args = otherArgv.filter((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
    if (args.length > 0) deliver(findDeepLinkInArgv(args), 'second-instance');
  });
  const initial = argv.filter((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
  if (initial.length > 0) deliver(findDeepLinkInArgv(initial), 'argv');

  return {
    onLink(next) {
      receiver = next;
      if (pending !== null) {
        const link = pending;
        pending = null;
        deliver(link, 'pending');
      }
    },
  };
}
