/**
 * Answers `getDisplayMedia` without Chromium's picker: the user has already chosen a
 * screen in the app's own picker (capture.selectSource), and exactly that screen is
 * granted, once, to the app's own top-level page. Anything else is refused.
 *
 * On Wayland the desktop's own picker chooses instead (ScreenCast portal, through Chromium's
 * PipeWire capturer): the first capture opens it via getSources, and the source it granted is
 * kept for the rest of that session, so a renegotiation or a change of monitor does not ask
 * again; it is forgotten when the session ends, so the next session (perhaps another helper)
 * asks the desktop again. Chromium keeps the portal's restore token for that source in memory
 * itself; Electron does not hand the token to the app.
 */
import { desktopCapturer, session, type DesktopCapturerSource, type Session } from 'electron';
import { DESKTOP_PICKER_SOURCE_ID } from '../../shared/host-api';
import type { Logger } from '../../shared/log';
import type { CaptureSelection } from '../services/capture';
import type { SessionActivity } from '../services/session-activity';
import { isAppOrigin } from './app-origin';
import type { GetSources } from './screen-sources';

type DisplayMediaHandler = Parameters<Session['setDisplayMediaRequestHandler']>[0] & {};

export interface DisplayMediaDeps {
  capture: Pick<CaptureSelection, 'takeSelection'>;
  getSources: GetSources;
  isAppOrigin: (urlOrOrigin: string | null | undefined) => boolean;
  log: Logger;
  /** When a session ends, the desktop's grant is forgotten. */
  activity: Pick<SessionActivity, 'onEnded'>;
}

export function createDisplayMediaHandler(deps: DisplayMediaDeps): DisplayMediaHandler {
  let desktopPicked: DesktopCapturerSource | null = null;
  deps.activity.onEnded(() => {
    desktopPicked = null;
  });
  const fromDesktopPicker = async (): Promise<DesktopCapturerSource | undefined> => {
    if (desktopPicked) return desktopPicked;
    // On Wayland this call is what shows the desktop's dialog; it returns the one screen picked there.
    const [granted] = await deps.getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } });
    desktopPicked = granted ?? null;
    return granted;
  };
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
    const found =
      picked === DESKTOP_PICKER_SOURCE_ID
        ? fromDesktopPicker()
        : deps
            // Thumbnails are not needed here; 0x0 skips rendering them.
            .getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } })
            .then((sources) => sources.find((candidate) => candidate.id === picked));
    found
      .then((source) => {
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

export function setupDisplayMedia(capture: CaptureSelection, activity: Pick<SessionActivity, 'onEnded'>, log: Logger, target: Session = session.defaultSession): void {
  target.setDisplayMediaRequestHandler(
    createDisplayMediaHandler({ capture, getSources: (options) => desktopCapturer.getSources(options), isAppOrigin, log, activity }),
  );
}
