import { useState } from 'react';
import type { SessionReport } from '../../../shared/report';
import { useLanguageStore, useT } from '../i18n/language-store';
import { download, reportHtml, reportPdf, reportSections } from './report-document';
import { useReportStore, type Screenshot } from './report-store';

type PdfState = 'idle' | 'preparing' | 'failed';
const NO_SCREENSHOTS: readonly Screenshot[] = [];

/** The report shown when a session ends, with its exports. */
export function ReportSummary({ report }: { report: SessionReport }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  // The screenshots belong to the session that just ended; past sessions keep none.
  const screenshots = useReportStore((store) => (store.last?.id === report.id ? store.screenshots : NO_SCREENSHOTS));
  const { title, subtitle, sections } = reportSections(report, t, language, screenshots);
  const fileName = `tandem-${new Date(report.startedAt).toISOString().slice(0, 16).replace(/[:T]/g, '-')}`;
  const [pdf, setPdf] = useState<PdfState>('idle');
  const savePdf = () => {
    setPdf('preparing');
    reportPdf(report, t, language, { screenshots })
      .then((bytes) => {
        download(`${fileName}.pdf`, 'application/pdf', bytes);
        setPdf('idle');
      })
      .catch(() => setPdf('failed'));
  };
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
        <button type="button" onClick={() => download(`${fileName}.html`, 'text/html', reportHtml(report, t, language, screenshots))}>
          {t('report.exportHtml')}
        </button>
        <button type="button" onClick={savePdf} disabled={pdf === 'preparing'}>
          {t('report.exportPdf')}
        </button>
      </div>
      <p role="status" className={pdf === 'failed' ? 'problem' : 'muted'} data-testid="pdf-status">
        {pdf === 'preparing' && t('report.pdfPreparing')}
        {pdf === 'failed' && t('report.pdfFailed')}
      </p>
    </section>
  );
}
