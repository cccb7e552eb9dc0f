import { ipcMain } from 'electron';
import Store from 'electron-store';
import type { ReportHistoryBackend } from '../services/report-history';
import { STORE_DATA_CHANNEL } from './settings-store';

/**
 * Session reports on disk (reports.json in userData). A file that is not valid JSON is
 * discarded rather than crashing; entry-level validation is the report history's job.
 */
export function createReportsStoreBackend(): ReportHistoryBackend {
  const store = new Store<{ reports: unknown }>({ name: 'reports', clearInvalidConfig: true });
  // As in settings-store.ts: the listener electron-store registers would answer any renderer.
  ipcMain.removeAllListeners(STORE_DATA_CHANNEL);
  return {
    read: () => store.get('reports', []),
    write: (reports) => store.set('reports', reports),
  };
}
