/**
 * Answers `getDisplayMedia` without Chromium's picker: the user has already chosen a
 * screen in the app's own picker (capture.selectSource), and exactly that screen is
 * granted, once, to the app's own top-level page. Anything else is refused.
 */
import { desktopCapturer, session, type Session } from 'electron';
import type { Logger } from '../../shared/log';
import type { CaptureSelection } from '../services/capture';
import { isAppOrigin } from './app-origin';
import type { GetSources } from './screen-sources';

type DisplayMediaHandler = Parameters<Session['setDisplayMediaRequestHandler']>[0] & {};

export interface DisplayMediaDeps {
  capture: Pick<CaptureSelection, 'takeSelection'>;
  getSources: GetSources;
  isAppOrigin: (urlOrOrigin: string | null | undefined) => boolean;
  log: Logger;
}

export function createDisplayMediaHandler(deps: DisplayMediaDeps): DisplayMediaHandler {
  return (request, callback) => {
    const answer: typeof callback = (streams) => {
      try {
        callback(streams);
      } catch (error) {
        // Electron throws when the requesting frame is gone by now; nothing left to answer.
        deps.log.warn('display-media.callback-failed', { reason: String(error) });
      }
    };
    const deny = (reason: string) => {
      deps.log.warn('display-media.denied', { reason, origin: request.securityOrigin.slice(0, 200) });
      answer(null);
    };

    const frame = request.frame;
    // Checked before the pick is consumed, so a stray request cannot use up the user's choice.
    if (!frame || frame.parent !== null || !deps.isAppOrigin(frame.url) || !deps.isAppOrigin(request.securityOrigin)) {
      deny('foreign-requester');
      return;
    }
    if (!request.videoRequested) {
      deny('no-video');
      return;
    }
    const picked = deps.capture.takeSelection();
    if (picked === null) {
      deny('nothing-picked');
      return;
    }
    deps
      // Thumbnails are not needed here; 0x0 skips rendering them.
      .getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } })
      .then((sources) => {
        const source = sources.find((candidate) => candidate.id === picked);
        if (!source) {
          deny('picked-screen-gone');
          return;
        }
        // Never audio: system-audio loopback would share more than the user agreed to.
        answer({ video: source });
      })
      .catch((error: unknown) => deny(`sources-failed: ${String(error)}`));
  };
}

export function setupDisplayMedia(capture: CaptureSelection, log: Logger, target: Session = session.defaultSession): void {
  target.setDisplayMediaRequestHandler(
    createDisplayMediaHandler({ capture, getSources: (options) => desktopCapturer.getSources(options), isAppOrigin, log }),
  );
}
