/**
 * Diagnostics and repairs as the host offers them to the app. Repairs run only after the
 * user approves each one in a prompt the host draws (a native dialog in Electron), never
 * because the page or the consultant said so; one prompt at a time.
 */
import type { CheckId, DiagnosticsReport, RepairAction } from '../../../shared/diagnostics';
import type { Logger } from '../../../shared/log';
import type { RepairRunResult } from '../../../shared/toolkit';
import { createDiagnosticsContext, defaultConfig, runDiagnostics, type DiagnosticsContext } from '../diagnostics';
import { createRepairDeps, findRepair, listRepairs, runRepair, type RepairDeps } from '../repairs';
import type { SettingsService } from '../settings';

export interface RepairPrompter {
  /** Resolves true only when the user explicitly approved this action. */
  confirm(request: { action: RepairAction; consultantName: string }): Promise<boolean>;
}

export interface ToolkitService {
  runDiagnostics(ids?: CheckId[]): Promise<DiagnosticsReport>;
  listRepairs(): RepairAction[];
  runRepair(id: string, consultantName: string): Promise<RepairRunResult>;
}

export interface ToolkitDeps {
  settings: SettingsService;
  prompter: RepairPrompter;
  log: Logger;
  platform?: NodeJS.Platform;
  diagnostics?: DiagnosticsContext;
  repairs?: Partial<RepairDeps>;
}

export class RepairBusyError extends Error {
  constructor() {
    super('Another repair is waiting for an answer or running.');
  }
}

export function createToolkitService(deps: ToolkitDeps): ToolkitService {
  const platform = deps.platform ?? process.platform;
  const diagnostics = deps.diagnostics ?? createDiagnosticsContext({ platform });
  const repairDeps = createRepairDeps({ platform, log: deps.log, ...deps.repairs });
  let busy = false;

  return {
    runDiagnostics(ids) {
      // The organisation's server is the first thing checked: it is the one this app talks to.
      const config = { ...defaultConfig(), serverUrl: deps.settings.get().serverUrl };
      return runDiagnostics(config, diagnostics, ids ? { ids } : {});
    },

    listRepairs: () => listRepairs(platform),

    async runRepair(id, consultantName) {
      const action = listRepairs(platform).find((candidate) => candidate.id === id);
      if (!action || !findRepair(platform, id)) throw new Error('This repair is not available on this computer.');
      if (busy) throw new RepairBusyError();
      busy = true;
      try {
        const approved = await deps.prompter.confirm({ action, consultantName });
        deps.log.info('repair.decision', { id, approved });
        if (!approved) return { approved: false };
        return { approved: true, outcome: await runRepair(id, repairDeps) };
      } finally {
        busy = false;
      }
    },
  };
}
