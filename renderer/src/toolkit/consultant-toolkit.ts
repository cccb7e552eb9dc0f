import type { CheckId, RepairId } from '../../../shared/diagnostics';
import { toolkitToConsultantSchema, type ToolkitToUser } from '../../../shared/toolkit';
import type { ToolkitStoreApi } from './toolkit-store';

/** The consultant's end of the toolkit: asks, and shows what comes back. */
export class ConsultantToolkit {
  constructor(
    private readonly send: (message: ToolkitToUser) => void,
    private readonly store: ToolkitStoreApi,
  ) {}

  handle(raw: unknown): boolean {
    const parsed = toolkitToConsultantSchema.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    switch (message.t) {
      case 'diagnostics.status':
        this.store.set({ diagnostics: message.status });
        break;
      case 'diagnostics.result':
        this.store.addResult(message.result);
        break;
      case 'repairs.available':
        this.store.set({ repairs: message.actions });
        break;
      case 'repair.status':
        this.store.setRepairState(message.id, { status: message.status });
        break;
      case 'repair.outcome':
        this.store.setRepairState(message.outcome.id, { status: 'done', outcome: message.outcome });
        break;
    }
    return true;
  }

  dispose(): void {}

  requestDiagnostics(): void {
    this.send({ t: 'diagnostics.request' });
  }

  rerun(id: CheckId): void {
    this.send({ t: 'diagnostics.rerun', id });
  }

  listRepairs(): void {
    this.send({ t: 'repairs.list' });
  }

  propose(id: RepairId): void {
    this.send({ t: 'repair.propose', id });
  }
}
