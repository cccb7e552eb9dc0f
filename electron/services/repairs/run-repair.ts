import { access } from 'node:fs/promises';
import os from 'node:os';
import { LIMITS, boundText, type RepairOutcome, type RepairStatus } from '../../../shared/diagnostics';
import { createLogger } from '../../../shared/log';
import { launchDetached, runProcess, type RunResult, type RunStatus } from '../diagnostics/process-runner';
import { findRepair } from './catalogue';
import { createComputerRestart } from './computer-restart';
import type { RepairDefinition, RepairDeps } from './types';

export class UnknownRepairError extends Error {
  constructor() {
    super('Unknown repair action.');
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
const STATUS: Record<RunStatus, RepairStatus> = { ok: 'succeeded', failed: 'failed', 'timed-out': 'timed-out', unavailable: 'unavailable' };

/** Time the app has to say goodbye to both people before the restart command runs. */
export const RESTART_DELAY_MS = 3000;

export function createRepairDeps(overrides: Partial<RepairDeps> = {}): RepairDeps {
  const base: Omit<RepairDeps, 'restart'> = {
    platform: process.platform,
    runner: runProcess,
    launch: launchDetached,
    exists: (path) => access(path).then(() => true, () => false),
    tmpDir: os.tmpdir(),
    now: () => Date.now(),
    log: createLogger('repairs'),
    ...overrides,
  };
  // The real restart uses the same (possibly observed) runner as every other repair.
  return { ...base, restart: overrides.restart ?? createComputerRestart({ platform: base.platform, runner: base.runner, log: base.log }) };
}

async function execute(definition: RepairDefinition, deps: RepairDeps): Promise<RunResult[]> {
  const plan = definition.plan;
  if (plan.kind === 'native') return [await plan.run(deps)];
  if (plan.kind === 'launch') return [await deps.launch(plan.command.file, plan.command.args)];
  if (plan.kind === 'restart') {
    const allowed = await deps.restart.check();
    if (allowed.status !== 'ok') return [allowed];
    deps.restart.schedule(plan.command, RESTART_DELAY_MS);
    const seconds = RESTART_DELAY_MS / 1000;
    return [{ status: 'ok', exitCode: 0, stdout: `The computer restarts in ${seconds} seconds.\n`, stderr: '', durationMs: 0, reason: '' }];
  }
  const results: RunResult[] = [];
  for (const step of plan.steps) {
    const result = await deps.runner(step.file, step.args, { timeoutMs: definition.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    results.push(result);
    if (result.status !== 'ok') break;
  }
  return results;
}

/**
 * Runs one catalogue action, after the user approved it. `id` is untrusted: anything not
 * in this platform's catalogue throws UnknownRepairError and runs nothing. Never throws
 * otherwise: a failure to start or finish is an outcome.
 */
export async function runRepair(id: unknown, deps: RepairDeps = createRepairDeps()): Promise<RepairOutcome> {
  const definition = findRepair(deps.platform, id);
  if (!definition) {
    deps.log.warn('repair.refused', { id: String(id).slice(0, 80) });
    throw new UnknownRepairError();
  }
  const started = deps.now();
  deps.log.info('repair.start', { id: definition.id, needsAdmin: definition.needsAdmin });
  let results: RunResult[];
  if (definition.requires && !(await deps.exists(definition.requires))) {
    results = [{ status: 'unavailable', exitCode: null, stdout: '', stderr: `${definition.requires} is not installed on this computer.\n`, durationMs: 0, reason: 'missing' }];
  } else {
    try {
      results = await execute(definition, deps);
    } catch (error) {
      results = [{ status: 'failed', exitCode: null, stdout: '', stderr: String(error), durationMs: 0, reason: String(error) }];
    }
  }
  const last = results[results.length - 1];
  const outcome: RepairOutcome = {
    id: definition.id,
    status: last ? STATUS[last.status] : 'failed',
    exitCode: last?.exitCode ?? null,
    stdout: boundText(results.map((r) => r.stdout).join(''), LIMITS.output),
    stderr: boundText(results.map((r) => r.stderr || (r.status === 'ok' ? '' : `${r.reason}\n`)).join(''), LIMITS.output),
    durationMs: Math.max(0, Math.round(deps.now() - started)),
  };
  deps.log.info('repair.finish', { id: outcome.id, status: outcome.status, exitCode: outcome.exitCode, durationMs: outcome.durationMs });
  return outcome;
}
