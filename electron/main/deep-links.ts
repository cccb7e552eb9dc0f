/**
 * `tandem://join/<code>` glue: registers the scheme, and hands each validated code to one
 * receiver (the lead wires it to the join screen, where the user still confirms). macOS
 * delivers links with `open-url` (possibly before ready: call this before app.whenReady);
 * Windows and Linux start a second instance whose argv carries the link, or start Tandem
 * with it. Session codes are one-time secrets: they are never logged.
 */
import { app } from 'electron';
import type { Logger } from '../../shared/log';
import { DEEP_LINK_SCHEME, findJoinLinkInArgv, parseJoinLink } from '../services/deep-link';

export interface DeepLinks {
  /** Sets the receiver of validated codes; a code that arrived earlier is delivered now. */
  onJoinCode(receiver: (code: string) => void): void;
}

export function setupDeepLinks(log: Logger, argv: readonly string[] = process.argv): DeepLinks {
  let receiver: ((code: string) => void) | null = null;
  let pending: string | null = null;

  // Installers register the scheme (Info.plist, .desktop MimeType, NSIS). This covers
  // per-user installs and a scheme another app took over. Only packaged builds: a
  // development run must not make a bare Electron binary the system's tandem:// handler.
  if (app.isPackaged && !app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)) log.warn('deep-link.register-failed', { scheme: DEEP_LINK_SCHEME });

  function deliver(code: string | null, via: string): void {
    if (code === null) {
      log.warn('deep-link.rejected', { via });
      return;
    }
    log.info('deep-link.join', { via });
    if (receiver === null) {
      pending = code;
      return;
    }
    try {
      receiver(code);
    } catch (error) {
      log.error('deep-link.receiver-failed', { reason: String(error) });
    }
  }

  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(parseJoinLink(url), 'open-url');
  });
  // single-instance.ts already brings the window forward; this only reads the link.
  app.on('second-instance', (_event, otherArgv) => {
    const args = otherArgv.filter((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
    if (args.length > 0) deliver(findJoinLinkInArgv(args), 'second-instance');
  });
  const initial = argv.filter((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
  if (initial.length > 0) deliver(findJoinLinkInArgv(initial), 'argv');

  return {
    onJoinCode(next) {
      receiver = next;
      if (pending !== null) {
        const code = pending;
        pending = null;
        deliver(code, 'pending');
      }
    },
  };
}
