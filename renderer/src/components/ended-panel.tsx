import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/i18n';
import { useT } from '../i18n/language-store';
import type { EndedReason } from '../session/session-state';
import { ReportSummary } from '../report/report-summary';
import { useReportStore } from '../report/report-store';
import { ScreenHeading } from './screen-heading';

const reasonText: Record<EndedReason, MessageKey> = {
  'you-ended': 'ended.youEnded',
  'peer-left': 'ended.peerLeft',
  'peer-disconnected': 'ended.peerDisconnected',
  declined: 'ended.declined',
  'you-declined': 'ended.youDeclined',
  expired: 'ended.expired',
  'code-revoked': 'ended.codeRevoked',
  network: 'ended.network',
  'capture-failed': 'ended.captureFailed',
  'capture-stopped': 'ended.captureStopped',
  'reconnect-failed': 'ended.reconnectFailed',
  'resume-refused': 'ended.resumeRefused',
  restarting: 'ended.restarting',
  'safety-code-mismatch': 'ended.safetyCodeMismatch',
  'peer-safety-code-mismatch': 'ended.peerSafetyCodeMismatch',
};

/** `children`: more about this end, under the reason (e.g. whether a report reached the server). */
export function EndedPanel({ reason, again, onAgain, onHome, children }: { reason: EndedReason; again: MessageKey; onAgain: () => void; onHome: () => void; children?: ReactNode }) {
  const t = useT();
  const report = useReportStore((store) => store.last);
  return (
    <>
    <section className="panel" data-testid="session-ended" data-reason={reason}>
      <ScreenHeading>{t('ended.title')}</ScreenHeading>
      <p className="lead" role="status">
        {t(reasonText[reason])}
      </p>
      {children}
      <div className="actions">
        <button type="button" className="primary" onClick={onAgain}>
          {t(again)}
        </button>
        <button type="button" onClick={onHome}>
          {t('common.home')}
        </button>
      </div>
    </section>
    {report && <ReportSummary report={report} />}
    </>
  );
}
