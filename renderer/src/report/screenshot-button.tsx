import { useEffect, useState, type RefObject } from 'react';
import { MAX_SCREENSHOTS } from '../../../shared/report';
import { useControlStore } from '../control/control-store';
import { translate } from '../i18n/i18n';
import { useLanguageStore, type Translate } from '../i18n/language-store';
import { activeOverlay } from '../overlay/active-overlay';
import { sessionController } from '../session/controller';
import { captureStill } from './capture-still';
import { REPORT } from './report-feature';
import { useReportStore } from './report-store';

/** Alt+Shift+S, except in control, where every key belongs to the person's computer. */
const isShortcut = (event: KeyboardEvent) => event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyS';

/** Takes the still and files it in the report; resolves to what to tell the consultant. */
async function takeScreenshot(video: HTMLVideoElement | null, t: Translate): Promise<string> {
  const recorder = sessionController.feature(REPORT);
  if (!video || !recorder) return t('report.screenshotFailed');
  try {
    const still = await captureStill({ frame: video, width: video.videoWidth, height: video.videoHeight }, (context, width, height) =>
      activeOverlay()?.paintDrawings(context, width, height),
    );
    if (!recorder.addScreenshot(still)) return t('report.screenshotFull', { max: MAX_SCREENSHOTS });
    return t('report.screenshotTaken', { number: useReportStore.getState().screenshots.length });
  } catch {
    return t('report.screenshotFailed');
  }
}

/** Consultant: puts a still of the person's screen, with the drawing on it, into the session report. */
export function ScreenshotButton({ video }: { video: RefObject<HTMLVideoElement | null> }) {
  const language = useLanguageStore((store) => store.language);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const t: Translate = (key, vars) => translate(language, key, vars);
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcut(event) || useControlStore.getState().status.state === 'granted') return;
      event.preventDefault();
      void takeScreenshot(video.current, t).then(setStatus);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [video, language]);

  const t: Translate = (key, vars) => translate(language, key, vars);
  return (
    <div className="control-toolbar" data-testid="screenshot">
      <button type="button" onClick={() => void takeScreenshot(video.current, t).then(setStatus)} aria-keyshortcuts="Alt+Shift+S" title={t('report.screenshotShortcut')}>
        {t('report.takeScreenshot')}
      </button>
      <p className="muted" role="status" data-testid="screenshot-status">
        {status}
      </p>
    </div>
  );
}
