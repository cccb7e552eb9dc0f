/** In-memory stand-ins for the file system and reg.exe/plutil, shared by the policy tests. */
import type { RunResult, ProcessRunner } from '../diagnostics/process-runner';
import type { PolicyFileStat, PolicyFs } from './types';

export interface FakeFile {
  content: string | Uint8Array;
  uid?: number;
  mode?: number;
}

export function fakeFs(files: Record<string, FakeFile>): PolicyFs & { reads: string[] } {
  const reads: string[] = [];
  const bytes = (file: FakeFile) => (typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content);
  return {
    reads,
    stat(path): Promise<PolicyFileStat | null> {
      const file = files[path];
      if (!file) return Promise.resolve(null);
      return Promise.resolve({ uid: file.uid ?? 0, mode: file.mode ?? 0o100644, size: bytes(file).length, isFile: true });
    },
    readFile(path) {
      reads.push(path);
      const file = files[path];
      return file ? Promise.resolve(bytes(file)) : Promise.reject(new Error(`ENOENT: ${path}`));
    },
  };
}

export function ok(stdout: string): RunResult {
  return { status: 'ok', exitCode: 0, stdout, stderr: '', durationMs: 1, reason: '' };
}

export function failed(exitCode = 1, stderr = 'ERREUR : le système n’a pas trouvé la clé ou la valeur de Registre spécifiée.'): RunResult {
  return { status: 'failed', exitCode, stdout: '', stderr, durationMs: 1, reason: `exit code ${exitCode}` };
}

/** Answers by "program arg arg…"; unknown commands fail like a missing program. */
export function fakeRunner(answers: Record<string, RunResult>): ProcessRunner & { calls: string[] } {
  const calls: string[] = [];
  const run: ProcessRunner = (file, args) => {
    const command = [file, ...args].join(' ');
    calls.push(command);
    return Promise.resolve(answers[command] ?? { status: 'unavailable', exitCode: null, stdout: '', stderr: '', durationMs: 0, reason: `${file}: not installed (ENOENT)` });
  };
  return Object.assign(run, { calls });
}

/** What `reg query <key>` prints: CRLF lines, four-space columns. */
export function regOutput(key: string, values: [name: string, type: string, data: string][], subkeys: string[] = []): string {
  const lines = ['', key, ...values.map(([name, type, data]) => `    ${name}    ${type}    ${data}`), '', ...subkeys.map((sub) => `${key}\\${sub}`), ''];
  return lines.join('\r\n');
}

export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const PNG_DATA_URL = `data:image/png;base64,${Buffer.from(PNG_BYTES).toString('base64')}`;
