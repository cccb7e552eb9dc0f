import { AUDIT_EXPORT_MAX, type AuditEntry, type AuditFilter } from '../../../shared/audit';
import { auditCsv } from '../../../shared/audit-csv';
import type { ClientMessage, ServerMessage } from '../../../shared/signaling';
import type { AccountListener } from '../accounts/account-client';

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

export interface AuditReaderDeps {
  account: { send(message: ClientMessage): void; listen(listener: AccountListener): () => void };
  getState(): AuditViewState;
  setState(state: AuditViewState): void;
  /** Hands the finished CSV to the person (a download). */
  save(fileName: string, csv: string): void;
  now(): number;
}

type PageAnswer = Extract<ServerMessage, { type: 'audit.page' }> | AuditProblem;

/**
 * An admin reading their organisation's audit trail on the signed-in connection: search with
 * filters, newest first, older pages on demand, and a CSV export gathered page by page (each
 * answer stays under the socket's message limit). One question is in flight at a time.
 */
export class AuditReader {
  private unlisten: (() => void) | null = null;
  private pending: ((answer: PageAnswer) => void) | null = null;
  /** Bumped by close(): answers to questions asked before it change nothing. */
  private generation = 0;

  constructor(private readonly deps: AuditReaderDeps) {}

  open(): void {
    void this.search(this.deps.getState().filter);
  }

  close(): void {
    this.generation++;
    this.answer('lost');
    this.unlisten?.();
    this.unlisten = null;
    this.deps.setState(emptyAuditView);
  }

  async search(filter: AuditFilter): Promise<void> {
    if (this.busy()) return;
    this.patch({ filter, entries: [], more: false, loading: true, problem: null });
    const page = await this.ask(filter);
    if (page === null) return;
    this.patch(typeof page === 'string' ? { loading: false, loaded: true, problem: page } : { loading: false, loaded: true, entries: page.entries, more: page.more });
  }

  async loadOlder(): Promise<void> {
    const state = this.deps.getState();
    const last = state.entries.at(-1);
    if (this.busy() || !state.more || !last) return;
    this.patch({ loading: true, problem: null });
    const page = await this.ask({ ...state.filter, before: last.id });
    if (page === null) return;
    const entries = this.deps.getState().entries;
    this.patch(typeof page === 'string' ? { loading: false, problem: page } : { loading: false, entries: [...entries, ...page.entries], more: page.more });
  }

  /** Every entry matching the current filter (up to AUDIT_EXPORT_MAX), as one CSV file. */
  async exportCsv(): Promise<void> {
    if (this.busy()) return;
    const { filter } = this.deps.getState();
    const all: AuditEntry[] = [];
    this.patch({ exporting: 0, problem: null });
    for (;;) {
      const last = all.at(-1);
      const page = await this.ask(last ? { ...filter, before: last.id } : filter);
      if (page === null) return;
      if (typeof page === 'string') {
        this.patch({ exporting: null, problem: page });
        return;
      }
      all.push(...page.entries);
      this.patch({ exporting: all.length });
      if (!page.more || page.entries.length === 0 || all.length >= AUDIT_EXPORT_MAX) break;
    }
    this.deps.save(`tandem-audit-${new Date(this.deps.now()).toISOString().slice(0, 10)}.csv`, auditCsv(all.slice(0, AUDIT_EXPORT_MAX)));
    this.patch({ exporting: null });
  }

  private busy(): boolean {
    return this.pending !== null;
  }

  /** One page, or null when the reader was closed meanwhile (then nothing more is done). */
  private async ask(filter: AuditFilter): Promise<PageAnswer | null> {
    const generation = this.generation;
    this.unlisten ??= this.deps.account.listen({ onMessage: (message) => this.onMessage(message), onLost: () => this.answer('lost') });
    const answer = await new Promise<PageAnswer>((resolve) => {
      this.pending = resolve;
      this.deps.account.send({ type: 'audit.query', filter });
    });
    return generation === this.generation ? answer : null;
  }

  private answer(answer: PageAnswer): void {
    const pending = this.pending;
    this.pending = null;
    pending?.(answer);
  }

  private onMessage(message: ServerMessage): void {
    if (message.type === 'audit.page') this.answer(message);
    else if (message.type === 'error' && message.replyTo === 'audit.query') this.answer(message.code === 'forbidden' || message.code === 'unauthorized' ? 'forbidden' : 'failed');
  }

  private patch(change: Partial<AuditViewState>): void {
    this.deps.setState({ ...this.deps.getState(), ...change });
  }
}
