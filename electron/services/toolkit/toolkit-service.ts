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
import { HostCallError } from '../host-call-error';

/** The repair that restarts the computer, and how fresh its reconnect ticket must be. */
export const RESTART_REPAIR = 'system.restart-computer';
export const RESTART_TICKET_WINDOW_MS = 60_000;

/** When the reconnect ticket still waiting was saved (ReconnectService.pendingSince). */
export interface PendingTicket {
  pendingSince(): number | null;
}

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
  /** Without it the restart repair always refuses: nothing would bring the user back. */
  reconnect?: PendingTicket;
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
      // A restart is never even proposed to the user unless the app kept the session for
      // afterwards moments ago (and registered itself to start at the next login).
      const ticketSavedAt = id === RESTART_REPAIR ? deps.reconnect?.pendingSince() ?? null : null;
      if (id === RESTART_REPAIR && (ticketSavedAt === null || repairDeps.now() - ticketSavedAt > RESTART_TICKET_WINDOW_MS)) {
        deps.log.warn('repair.refused', { id, reason: 'no-fresh-reconnect-ticket' });
        throw new HostCallError('failed', 'Keep the session for after the restart first (reconnect.saveTicket, less than a minute before).');
      }
      busy = true;
      try {
        const approved = await deps.prompter.confirm({ action, consultantName });
        deps.log.info('repair.decision', { id, approved });
        if (!approved) return { approved: false };
        if (id === RESTART_REPAIR && deps.reconnect?.pendingSince() !== ticketSavedAt) {
          // Discarded, taken or replaced while the user was deciding: do not restart on a stale ticket.
          deps.log.warn('repair.refused', { id, reason: 'reconnect-ticket-changed' });
          return { approved: true, outcome: { id: RESTART_REPAIR, status: 'failed', exitCode: null, stdout: '', stderr: 'The session kept for after the restart is gone. Nothing was restarted.\n', durationMs: 0 } };
        }
        return { approved: true, outcome: await runRepair(id, repairDeps) };
      } finally {
        busy = false;
      }
    },
  };
}
