import { useLanguageStore, useT } from '../i18n/language-store';
import { sessionController } from '../session/controller';
import { screenshotLines } from './report-document';
import { REPORT } from './report-feature';
import { useReportStore } from './report-store';

/**
 * The screenshots in this session's report, each with a remove button: the consultant's list
 * in their notes, and the person's, who decides what pictures of their screen are kept.
 */
export function ScreenshotList({ role }: { role: 'user' | 'consultant' }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const screenshots = useReportStore((store) => store.screenshots);
  if (screenshots.length === 0) return null;
  const lines = screenshotLines(screenshots, t, language);
  return (
    <section className="screenshot-list" aria-label={t('report.screenshots')} data-testid="screenshot-list">
      <h3>{t(role === 'user' ? 'report.screenshotsUserTitle' : 'report.screenshots')}</h3>
      {role === 'user' && <p className="muted">{t('report.screenshotsUserHint')}</p>}
      {/* The person hears each new screenshot of their screen as it is listed. */}
      <ul aria-live={role === 'user' ? 'polite' : undefined}>
        {screenshots.map((screenshot, index) => (
          <li key={screenshot.id}>
            {lines[index]}{' '}
            <button type="button" className="link" onClick={() => sessionController.feature(REPORT)?.removeScreenshot(screenshot.id)}>
              {t('report.screenshotRemove', { number: index + 1 })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
