/**
 * The only way diagnostics and repairs start programs: a fixed program and an argument
 * array, never a shell (no string is ever parsed by /bin/sh or cmd.exe), bounded time and
 * output, and a result instead of an exception.
 */
import { spawn } from 'node:child_process';

export type RunStatus = 'ok' | 'failed' | 'timed-out' | 'unavailable';

export interface RunResult {
  /** ok: exit code 0; failed: non-zero exit or signal; unavailable: the program does not exist. */
  status: RunStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Why it could not start or finish (ENOENT, timeout…), empty otherwise. */
  reason: string;
}

export interface RunOptions {
  timeoutMs?: number;
  /** Characters kept per stream; the rest is drained and dropped. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
  /** Added to the inherited environment (e.g. LC_ALL=C so output parses the same everywhere). */
  env?: Record<string, string>;
}

export type ProcessRunner = (file: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_OUTPUT = 64 * 1024;

export const runProcess: ProcessRunner = (file, args, options = {}) => {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise<RunResult>((resolve) => {
    const out = { stdout: '', stderr: '' };
    let settled = false;
    let timedOut = false;
    const finish = (status: RunStatus, exitCode: number | null, reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ status, exitCode, ...out, durationMs: Date.now() - started, reason });
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, [...args], {
        shell: false,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: options.env ? { ...process.env, ...options.env } : process.env,
      });
    } catch (error) {
      resolve({ status: 'unavailable', exitCode: null, stdout: '', stderr: '', durationMs: 0, reason: String(error) });
      return;
    }
    const kill = () => {
      try {
        child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const onAbort = () => {
      timedOut = true;
      kill();
    };
    const timer = setTimeout(onAbort, timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    // Characters rather than bytes: the streams decode UTF-8 across chunk boundaries.
    const collect = (key: 'stdout' | 'stderr') => (chunk: string) => {
      if (out[key].length < maxBytes) out[key] = (out[key] + chunk).slice(0, maxBytes);
    };
    child.stdout?.setEncoding('utf8').on('data', collect('stdout'));
    child.stderr?.setEncoding('utf8').on('data', collect('stderr'));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') finish('unavailable', null, `${file}: not installed (ENOENT)`);
      else finish('failed', null, `${error.code ?? 'error'}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      if (timedOut) finish('timed-out', code, `no answer within ${timeoutMs} ms`);
      else if (code === 0) finish('ok', 0, '');
      else finish('failed', code, signal ? `killed by ${signal}` : `exit code ${code ?? '?'}`);
    });
  });
};

/**
 * Starts a program that keeps running on its own (a settings window) and reports only
 * whether it started: waiting for it would hold the repair until the user closes it.
 */
export function launchDetached(file: string, args: readonly string[]): Promise<RunResult> {
  const started = Date.now();
  return new Promise<RunResult>((resolve) => {
    const done = (status: RunStatus, reason: string) =>
      resolve({ status, exitCode: status === 'ok' ? 0 : null, stdout: '', stderr: '', durationMs: Date.now() - started, reason });
    try {
      const child = spawn(file, [...args], { shell: false, detached: true, stdio: 'ignore', windowsHide: false });
      child.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ENOENT' ? 'unavailable' : 'failed', String(error.message)));
      child.once('spawn', () => {
        child.unref();
        done('ok', '');
      });
    } catch (error) {
      done('failed', String(error));
    }
  });
}
