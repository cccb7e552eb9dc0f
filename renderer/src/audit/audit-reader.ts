import { AUDIT_EXPORT_MAX, type AuditEntry, type AuditFilter } from '../../../shared/audit';
import { auditCsv } from '../../../shared/audit-csv';
import type { AccountClient } from '../accounts/account-client';

/** Why the trail could not be read: not an admin, the connection went away, or anything else. */
export type AuditProblem = 'forbidden' | 'lost' | 'failed';

export interface AuditViewState {
  filter: AuditFilter;
  entries: AuditEntry[];
  /** Older entries match the filter too. */
  more: boolean;
  loaded: boolean;
  loading: boolean;
  /** Entries gathered so far while exporting, or null. */
  exporting: number | null;
  problem: AuditProblem | null;
}

export const emptyAuditView: AuditViewState = { filter: {}, entries: [], more: false, loaded: false, loading: false, exporting: null, problem: null };

/**
 * Pause between export pages: the server accepts 30 messages a second per socket, and the
 * queue console shares this connection. 20 pages a second is 2,000 entries a second.
 */
export const EXPORT_PAGE_INTERVAL_MS = 50;

export interface AuditReaderDeps {
  account: Pick<AccountClient, 'request'>;
  getState(): AuditViewState;
  setState(state: AuditViewState): void;
  /** Hands the finished CSV to the person (a download). */
  save(fileName: string, csv: string): void;
  now(): number;
  sleep(ms: number): Promise<void>;
}

type Page = { entries: AuditEntry[]; more: boolean };

/**
 * An admin reading their organisation's audit trail on the signed-in connection: search with
 * filters, newest first, older pages on demand, and a CSV export gathered page by page (each
 * answer stays under the socket's message limit). One question is in flight at a time.
 */
export class AuditReader {
  private busy = false;
  /** Bumped by open() and close(): answers to questions asked before change nothing. */
  private generation = 0;

  constructor(private readonly deps: AuditReaderDeps) {}

  /** Starts reading, with `filter` (everything by default). */
  open(filter: AuditFilter = {}): void {
    this.generation++;
    this.busy = false;
    this.deps.setState(emptyAuditView);
    void this.search(filter);
  }

  close(): void {
    this.generation++;
    this.busy = false;
    this.deps.setState(emptyAuditView);
  }

  /** False when another question is still in flight (the screen disables its buttons meanwhile). */
  search(filter: AuditFilter): Promise<boolean> {
    return this.exclusive(async (generation) => {
      this.patch({ filter, entries: [], more: false, loading: true, problem: null });
      const page = await this.ask(filter, generation);
      if (page === null) return;
      this.patch(typeof page === 'string' ? { loading: false, loaded: true, problem: page } : { loading: false, loaded: true, entries: page.entries, more: page.more });
    });
  }

  async loadOlder(): Promise<void> {
    const state = this.deps.getState();
    const last = state.entries.at(-1);
    if (!state.more || !last) return;
    await this.exclusive(async (generation) => {
      this.patch({ loading: true, problem: null });
      const page = await this.ask({ ...state.filter, before: last.id }, generation);
      if (page === null) return;
      const entries = this.deps.getState().entries;
      this.patch(typeof page === 'string' ? { loading: false, problem: page } : { loading: false, entries: [...entries, ...page.entries], more: page.more });
    });
  }

  /** Every entry matching the current filter (up to AUDIT_EXPORT_MAX), as one CSV file. */
  async exportCsv(): Promise<void> {
    await this.exclusive(async (generation) => {
      const { filter } = this.deps.getState();
      const all: AuditEntry[] = [];
      this.patch({ exporting: 0, problem: null });
      for (;;) {
        const last = all.at(-1);
        const page = await this.ask(last ? { ...filter, before: last.id } : filter, generation);
        if (page === null) return;
        if (typeof page === 'string') return this.patch({ exporting: null, problem: page });
        all.push(...page.entries);
        this.patch({ exporting: all.length });
        if (!page.more || page.entries.length === 0 || all.length >= AUDIT_EXPORT_MAX) break;
        await this.deps.sleep(EXPORT_PAGE_INTERVAL_MS);
        // Closed (or reopened) during the pause: the export is abandoned, nothing is saved.
        if (generation !== this.generation) return;
      }
      this.deps.save(`tandem-audit-${new Date(this.deps.now()).toISOString().slice(0, 10)}.csv`, auditCsv(all.slice(0, AUDIT_EXPORT_MAX)));
      this.patch({ exporting: null });
    });
  }

  /** Runs one search, page load or export at a time; false when another is still running. */
  private async exclusive(work: (generation: number) => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    const generation = this.generation;
    try {
      await work(generation);
    } finally {
      if (generation === this.generation) this.busy = false;
    }
    return true;
  }

  /** One page or why not; null when the reader was closed or reopened since `generation` (then nothing more is done). */
  private async ask(filter: AuditFilter, generation: number): Promise<Page | AuditProblem | null> {
    if (generation !== this.generation) return null;
    const outcome = await this.deps.account.request({ type: 'audit.query', filter }, 'audit.page');
    if (generation !== this.generation) return null;
    if (outcome.ok) return { entries: outcome.answer.entries, more: outcome.answer.more };
    if (outcome.reason === 'refused') return outcome.code === 'forbidden' || outcome.code === 'unauthorized' ? 'forbidden' : 'failed';
    return 'lost';
  }

  private patch(change: Partial<AuditViewState>): void {
    this.deps.setState({ ...this.deps.getState(), ...change });
  }
}
