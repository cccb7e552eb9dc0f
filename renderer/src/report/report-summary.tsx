import { useState } from 'react';
import type { SessionReport } from '../../../shared/report';
import { useLanguageStore, useT } from '../i18n/language-store';
import { download, reportHtml, reportPdf, reportSections } from './report-document';

type PdfState = 'idle' | 'preparing' | 'failed';

/** The report shown when a session ends, with its exports. */
export function ReportSummary({ report }: { report: SessionReport }) {
  const t = useT();
  const language = useLanguageStore((store) => store.language);
  const { title, subtitle, sections } = reportSections(report, t, language);
  const fileName = `tandem-${new Date(report.startedAt).toISOString().slice(0, 16).replace(/[:T]/g, '-')}`;
  const [pdf, setPdf] = useState<PdfState>('idle');
  const savePdf = () => {
    setPdf('preparing');
    reportPdf(report, t, language)
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
        <button type="button" onClick={() => download(`${fileName}.html`, 'text/html', reportHtml(report, t, language))}>
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
