/**
 * The e2e harness's stand-in for the OS restart: the restart repair goes through the real
 * toolkit, catalogue and reconnect checks, and ends here, where it is recorded. Nothing on
 * this machine is ever restarted.
 */
import type { RunResult } from '../../electron/services/diagnostics';
import type { ComputerRestart, RepairCommand } from '../../electron/services/repairs';

export interface RestartRequest {
  /** The OS command the app would have run (e.g. /usr/bin/systemctl reboot). */
  command: RepairCommand;
  delayMs: number;
  at: number;
}

export class HarnessRebooter implements ComputerRestart {
  readonly requests: RestartRequest[] = [];
  /** What the OS answers to "may this user restart?" (a test can make it refuse). */
  allowed: true | { reason: string } = true;
  private waiters: ((request: RestartRequest) => void)[] = [];

  check(): Promise<RunResult> {
    const ok = this.allowed === true;
    const stderr = this.allowed === true ? '' : `${this.allowed.reason}\n`;
    return Promise.resolve({ status: ok ? 'ok' : 'failed', exitCode: ok ? 0 : null, stdout: '', stderr, durationMs: 0, reason: stderr.trim() });
  }

  schedule(command: RepairCommand, delayMs: number): void {
    const request = { command, delayMs, at: Date.now() };
    this.requests.push(request);
    this.waiters.splice(0).forEach((wake) => wake(request));
  }

  /** The first restart asked for (already, or within `timeoutMs`). */
  waitForRestartRequest(timeoutMs = 15_000): Promise<RestartRequest> {
    const first = this.requests[0];
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no restart was requested')), timeoutMs);
      this.waiters.push((request) => {
        clearTimeout(timer);
        resolve(request);
      });
    });
  }
}
