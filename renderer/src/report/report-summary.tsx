import type { SessionReport } from '../../../shared/report';
import { useLanguageStore, useT } from '../i18n/language-store';
import { download, reportHtml, reportPdf, reportSections } from './report-document';

/** The report shown when a session ends, with its exports. */
export function ReportSummary({ report }: { report: SessionReport }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const { title, subtitle, sections } = reportSections(report, t, language);
  const fileName = `tandem-${new Date(report.startedAt).toISOString().slice(0, 16).replace(/[:T]/g, '-')}`;
  return (
    <section className="session-report" data-testid="session-report" aria-label={title}>
      <h2>{title}</h2>
      <p className="muted">{subtitle}</p>
      {sections.map((section) => (
        <div key={section.title}>
          <h3>{section.title}</h3>
          {section.lines.map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </div>
      ))}
      <div className="actions">
        <button type="button" onClick={() => download(`${fileName}.html`, 'text/html', reportHtml(report, t, language))}>
          {t('report.exportHtml')}
        </button>
        <button type="button" onClick={() => download(`${fileName}.pdf`, 'application/pdf', reportPdf(report, t, language))}>
          {t('report.exportPdf')}
        </button>
      </div>
    </section>
  );
}
