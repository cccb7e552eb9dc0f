import os from 'node:os';
import type { RunResult } from '../diagnostics/process-runner';
import { cleanTempFiles } from './temp-cleaner';
import type { RepairDeps } from './types';

export const TEMP_MAX_AGE_DAYS = 7;

/** The clear-temp repair: the Node cleaner over the user's temp folder, reported like a command. */
export async function clearTemp(deps: RepairDeps): Promise<RunResult> {
  const started = deps.now();
  try {
    const summary = await cleanTempFiles({
      root: deps.tmpDir,
      olderThanDays: TEMP_MAX_AGE_DAYS,
      now: deps.now(),
      uid: deps.platform === 'win32' ? undefined : os.userInfo().uid,
    });
    const mb = Math.round((summary.bytes / 2 ** 20) * 10) / 10;
    return {
      status: 'ok',
      exitCode: 0,
      stdout: `Removed ${summary.removed} files (${mb} MB) from ${deps.tmpDir}; skipped ${summary.skipped}; ${summary.errors} could not be removed.\n`,
      stderr: '',
      durationMs: deps.now() - started,
      reason: '',
    };
  } catch (error) {
    return { status: 'failed', exitCode: 1, stdout: '', stderr: String(error), durationMs: deps.now() - started, reason: String(error) };
  }
}
