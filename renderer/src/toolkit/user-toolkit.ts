import type { CheckId } from '../../../shared/diagnostics';
import type { HostApi } from '../../../shared/host-api';
import { toolkitToUserSchema, type ToolkitToConsultant } from '../../../shared/toolkit';
import type { RestartHooks } from '../session/session-feature';
import type { ToolkitStoreApi } from './toolkit-store';

/** The repair that restarts the computer (host side: only with a reconnect ticket saved just before). */
export const RESTART_REPAIR_ID = 'system.restart-computer';

export interface UserToolkitDeps {
  host: HostApi;
  consultantName: string;
  send: (message: ToolkitToConsultant) => void;
  store: ToolkitStoreApi;
  restart?: RestartHooks;
}

/**
 * The user's end of the toolkit. Diagnostics run on this computer and leave it only after the
 * user has seen the results and agreed; each repair is approved in the host's own prompt.
 */
export class UserToolkit {
  /** Checks whose results the user agreed to share: re-running one of them shares its new result. */
  private readonly shared = new Set<CheckId>();

  constructor(private readonly deps: UserToolkitDeps) {}

  /** Returns false when the message is not a toolkit message. */
  handle(raw: unknown): boolean {
    const parsed = toolkitToUserSchema.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    switch (message.t) {
      case 'diagnostics.request':
        if (this.deps.store.get().diagnostics === 'idle' || this.deps.store.get().diagnostics === 'declined' || this.deps.store.get().diagnostics === 'shared') {
          this.status('asking');
        }
        break;
      case 'diagnostics.rerun':
        if (this.shared.has(message.id)) void this.rerun(message.id);
        break;
      case 'repairs.list':
        void this.deps.host.repairs.list().then((actions) => this.deps.send({ t: 'repairs.available', actions }));
        break;
      case 'repair.propose':
        void this.propose(message.id);
        break;
    }
    return true;
  }

  /** The user agreed to run the check-up (nothing is sent yet). */
  async runCheckup(): Promise<void> {
    this.status('running');
    const report = await this.deps.host.diagnostics.run({});
    this.deps.store.set({ review: report });
    this.status('reviewing');
  }

  /** The user saw the results and agreed to share them. */
  shareResults(): void {
    const report = this.deps.store.get().review;
    if (!report) return;
    for (const result of report.results) {
      this.shared.add(result.id);
      this.deps.send({ t: 'diagnostics.result', result });
    }
    this.deps.store.set({ review: null });
    this.status('shared');
  }

  decline(): void {
    this.deps.store.set({ review: null });
    this.status('declined');
  }

  dispose(): void {
    this.shared.clear();
  }

  private async rerun(id: CheckId): Promise<void> {
    const report = await this.deps.host.diagnostics.run({ ids: [id] });
    for (const result of report.results) this.deps.send({ t: 'diagnostics.result', result });
  }

  private async propose(id: string): Promise<void> {
    const action = (await this.deps.host.repairs.list()).find((candidate) => candidate.id === id);
    if (!action || this.deps.store.get().proposed) return;
    // Kept so the session report can name the repair.
    this.deps.store.set({ proposed: action, repairs: [...(this.deps.store.get().repairs ?? []).filter((known) => known.id !== action.id), action] });
    this.deps.store.setRepairState(action.id, { status: 'asking' });
    this.deps.send({ t: 'repair.status', id: action.id, status: 'asking' });
    const repairId: string = action.id;
    const restarting = repairId === RESTART_REPAIR_ID;
    try {
      // A restart needs the ticket first: the app comes back by itself and continues the session.
      if (restarting && !(await this.deps.restart?.prepare())) {
        this.deps.store.setRepairState(action.id, { status: 'declined' });
        this.deps.send({ t: 'repair.status', id: action.id, status: 'declined' });
        return;
      }
      const result = await this.deps.host.repairs.run({ id: action.id, consultantName: this.deps.consultantName });
      if (restarting) {
        if (result.approved && result.outcome.status === 'succeeded') this.deps.restart?.approved();
        else this.deps.restart?.cancelled();
      }
      if (result.approved) {
        this.deps.store.setRepairState(action.id, { status: 'done', outcome: result.outcome });
        this.deps.send({ t: 'repair.outcome', outcome: result.outcome });
      } else {
        this.deps.store.setRepairState(action.id, { status: 'declined' });
        this.deps.send({ t: 'repair.status', id: action.id, status: 'declined' });
      }
    } finally {
      this.deps.store.set({ proposed: null });
    }
  }

  private status(status: 'asking' | 'running' | 'reviewing' | 'declined' | 'shared'): void {
    this.deps.store.set({ diagnostics: status });
    this.deps.send({ t: 'diagnostics.status', status });
  }
}
