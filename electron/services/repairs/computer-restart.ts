/**
 * The real restart of the computer, behind the `system.restart-computer` repair. Linux asks
 * logind first (CanReboot) so a refusal comes with a clear reason before anything is said to
 * the consultant; Windows and macOS let their own restart command decide. The command itself
 * runs after a short delay, so the app can tell both people it is restarting.
 */
import type { Logger } from '../../../shared/log';
import type { ProcessRunner, RunResult } from '../diagnostics/process-runner';
import type { ComputerRestart, RepairCommand } from './types';

export interface ComputerRestartDeps {
  platform: NodeJS.Platform;
  runner: ProcessRunner;
  log: Logger;
  setTimer?: (run: () => void, ms: number) => void;
}

const LOGIND = ['org.freedesktop.login1', '/org/freedesktop/login1', 'org.freedesktop.login1.Manager'] as const;
const BUSCTL: RepairCommand = { file: '/usr/bin/busctl', args: ['call', ...LOGIND, 'CanReboot'] };
const DBUS_SEND: RepairCommand = {
  file: '/usr/bin/dbus-send',
  args: ['--system', '--print-reply=literal', `--dest=${LOGIND[0]}`, LOGIND[1], `${LOGIND[2]}.CanReboot`],
};

const result = (status: RunResult['status'], stderr = '', stdout = ''): RunResult => ({ status, exitCode: status === 'ok' ? 0 : null, stdout, stderr, durationMs: 0, reason: stderr.trim() });

/** logind's answer (busctl prints `s "yes"`, dbus-send prints `yes`), or null when unparsable. */
export function parseCanReboot(output: string): string | null {
  const match = /\b(yes|no|challenge|na)\b/.exec(output);
  return match?.[1] ?? null;
}

const REFUSALS: Record<string, string> = {
  no: 'This computer does not allow you to restart it (its administrator decides). Nothing was restarted.',
  // 'challenge' means an administrator password; a restart that waits for one could strand the session.
  challenge: 'Restarting this computer needs an administrator (for example because someone else is signed in). Nothing was restarted.',
  na: 'This computer cannot be restarted from here. Nothing was restarted.',
};

async function linuxCheck(runner: ProcessRunner, log: Logger): Promise<RunResult> {
  for (const probe of [BUSCTL, DBUS_SEND]) {
    const answer = await runner(probe.file, probe.args, { timeoutMs: 5000, env: { LC_ALL: 'C' } });
    if (answer.status === 'unavailable') continue;
    const verdict = answer.status === 'ok' ? parseCanReboot(answer.stdout) : null;
    log.info('restart.can-reboot', { probe: probe.file, verdict: verdict ?? 'unknown' });
    if (verdict === 'yes') return result('ok');
    return result('failed', `${REFUSALS[verdict ?? ''] ?? 'Tandem could not check whether this computer may be restarted. Nothing was restarted.'}\n`);
  }
  return result('unavailable', 'Tandem cannot check whether this computer may be restarted (no systemd-logind). Nothing was restarted.\n');
}

export function createComputerRestart(deps: ComputerRestartDeps): ComputerRestart {
  const setTimer = deps.setTimer ?? ((run, ms) => void setTimeout(run, ms));
  return {
    check: () => (deps.platform === 'linux' ? linuxCheck(deps.runner, deps.log) : Promise.resolve(result('ok'))),
    schedule(command, delayMs) {
      deps.log.warn('restart.scheduled', { file: command.file, delayMs });
      setTimer(() => {
        deps.runner(command.file, command.args, { timeoutMs: 30_000 }).then(
          (outcome) => {
            // The ticket is kept: it still brings the user back if they restart by hand before it expires.
            if (outcome.status !== 'ok') deps.log.error('restart.failed', { status: outcome.status, exitCode: outcome.exitCode, reason: outcome.reason.slice(0, 200) });
          },
          (error: unknown) => deps.log.error('restart.failed', { reason: String(error) }),
        );
      }, delayMs);
    },
  };
}
