import { useId } from 'react';
import { REQUEST_CATEGORIES, requestCategorySchema } from '../../../shared/queue';
import { useT } from '../i18n/language-store';
import { sessionController } from '../session/controller';
import { REPORT } from './report-feature';
import { useReportStore } from './report-store';
import { ScreenshotList } from './screenshot-list';

/** The consultant's notes and the problem's category, written during the session. */
export function ReportNotes() {
  const t = useT();
  const id = useId();
  const category = useReportStore((store) => store.category);
  const notes = useReportStore((store) => store.notes);
  const recorder = () => sessionController.feature(REPORT);
  return (
    <details className="toolkit-panel" data-testid="report-notes">
      <summary>{t('report.notes')}</summary>
      <label htmlFor={`${id}-category`}>{t('report.categoryLabel')}</label>
      <select
        id={`${id}-category`}
        value={category ?? ''}
        onChange={(event) => recorder()?.setNotes({ category: event.target.value ? requestCategorySchema.parse(event.target.value) : null })}
      >
        <option value="">{t('report.categoryNone')}</option>
        {REQUEST_CATEGORIES.map((option) => (
          <option key={option} value={option}>
            {t(`category.${option}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-notes`}>{t('report.notesLabel')}</label>
      <textarea id={`${id}-notes`} rows={3} maxLength={4000} value={notes} onChange={(event) => recorder()?.setNotes({ notes: event.target.value })} />
      <ScreenshotList role="consultant" />
    </details>
  );
}
