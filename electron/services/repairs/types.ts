import type { Bilingual, RepairId } from '../../../shared/diagnostics';
import type { Logger } from '../../../shared/log';
import type { ProcessRunner, RunResult } from '../diagnostics/process-runner';

/** A program and its exact arguments. Catalogue constants only: nothing here comes from a peer. */
export interface RepairCommand {
  file: string;
  args: readonly string[];
}

export type RepairPlan =
  /** Run in order, stopping at the first failure. */
  | { kind: 'commands'; steps: readonly RepairCommand[] }
  /** Start a window (a settings page) and report only that it opened. */
  | { kind: 'launch'; command: RepairCommand }
  /** Implemented in Node (no program to run). */
  | { kind: 'native'; run: (deps: RepairDeps) => Promise<RunResult> }
  /** Restarts the computer with the OS's own command, after the OS said this user may and a short goodbye. */
  | { kind: 'restart'; command: RepairCommand };

export interface RepairDefinition {
  id: RepairId;
  title: Bilingual;
  explanation: Bilingual;
  needsAdmin: boolean;
  plan: RepairPlan;
  /** An absolute path that must exist, or the action reports `unavailable` without running. */
  requires?: string;
  timeoutMs?: number;
}

export interface RepairDeps {
  platform: NodeJS.Platform;
  runner: ProcessRunner;
  launch: (file: string, args: readonly string[]) => Promise<RunResult>;
  exists: (path: string) => Promise<boolean>;
  /** The user's temporary folder (os.tmpdir()). */
  tmpDir: string;
  now: () => number;
  log: Logger;
  /** Restarts the computer (the e2e harness records the request instead). */
  restart: ComputerRestart;
}

export interface ComputerRestart {
  /** Whether the OS lets this user restart now; anything but 'ok' says why in `stderr`. */
  check(): Promise<RunResult>;
  /** Runs the restart command after `delayMs`; never throws (a failure is logged). */
  schedule(command: RepairCommand, delayMs: number): void;
}

/** One platform's actions; titles and explanations are shared (texts.ts). */
export type PlatformCatalogue = Partial<Record<RepairId, Omit<RepairDefinition, 'id' | 'title' | 'explanation'>>>;
