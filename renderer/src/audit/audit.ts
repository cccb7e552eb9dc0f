import { accountClient } from '../accounts/account';
import { download } from '../report/report-document';
import { AuditReader } from './audit-reader';
import { useAuditStore } from './audit-store';

/** The admin's audit trail reader on the signed-in connection. */
export const auditReader = new AuditReader({
  account: accountClient,
  getState: () => useAuditStore.getState().state,
  setState: (state) => useAuditStore.getState().setState(state),
  save: (fileName, csv) => download(fileName, 'text/csv;charset=utf-8', csv),
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
