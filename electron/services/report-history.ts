/**
 * The bounded local history of session reports ("Past sessions"). Reports may name people
 * and hold the consultant's notes, so they stay on this computer only, and at most
 * MAX_REPORT_HISTORY of them: the oldest go first.
 */
import type { Logger } from '../../shared/log';
import { MAX_REPORT_HISTORY, sessionReportSchema, type SessionReport } from '../../shared/report';

/** Where the list lives: electron-store in the app, memory in tests and the e2e harness. */
export interface ReportHistoryBackend {
  /** Whatever was stored, unvalidated (the file may be old, edited or corrupt). */
  read(): unknown;
  write(reports: SessionReport[]): void;
}

export interface ReportHistory {
  /** Adds a report (replacing one with the same id) as the newest. */
  save(report: SessionReport): void;
  /** Newest first; entries that no longer validate are dropped, never thrown on. */
  list(): SessionReport[];
}

export function createReportHistory(backend: ReportHistoryBackend, log: Logger, max = MAX_REPORT_HISTORY): ReportHistory {
  function list(): SessionReport[] {
    let stored: unknown;
    try {
      stored = backend.read();
    } catch (error) {
      log.warn('reports.read-failed', { reason: String(error) });
      return [];
    }
    if (!Array.isArray(stored)) return [];
    const valid: SessionReport[] = [];
    for (const entry of stored) {
      const parsed = sessionReportSchema.safeParse(entry);
      if (parsed.success) valid.push(parsed.data);
    }
    if (valid.length < stored.length) log.warn('reports.dropped-invalid', { count: stored.length - valid.length });
    return valid.slice(0, max);
  }

  return {
    list,
    save(report) {
      const next = [report, ...list().filter((entry) => entry.id !== report.id)].slice(0, max);
      backend.write(next);
    },
  };
}

export function createMemoryReportHistoryBackend(initial: unknown = []): ReportHistoryBackend & { stored: unknown } {
  const backend = {
    stored: initial,
    read: () => backend.stored,
    write: (reports: SessionReport[]) => {
      backend.stored = structuredClone(reports);
    },
  };
  return backend;
}
