/**
 * Wraps a fixed command so the OS asks for administrator rights with its own prompt
 * (pkexec, UAC, macOS authorization). Every input here is a catalogue constant; nothing a
 * peer sends is ever interpolated into these strings.
 */
import type { RepairCommand } from './types';

export function pkexec(file: string, ...args: string[]): RepairCommand {
  // pkexec wants an absolute path, which is also what polkit policies match on.
  return { file: 'pkexec', args: [file, ...args] };
}

/** PowerShell single-quoted literal: only `'` is special, and doubling it escapes it. */
export function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A PowerShell statement calling a program with literal arguments, stopping on failure. */
export function psCall(file: string, ...args: string[]): string {
  return `& ${[file, ...args].map(psQuote).join(' ')}; if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }`;
}

export function powershell(script: string): RepairCommand {
  return { file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', script] };
}

/**
 * UAC: Start-Process -Verb RunAs on a second PowerShell. Its script travels base64-encoded
 * (-EncodedCommand) because Start-Process joins -ArgumentList with spaces and re-quotes
 * nothing; the exit code comes back through -PassThru. Declining UAC makes Start-Process
 * fail, so the outer PowerShell exits non-zero with the reason on stderr.
 */
export function windowsElevated(script: string): RepairCommand {
  const encoded = Buffer.from(script, 'utf16le').toString('base64');
  return powershell(
    `$p = Start-Process -FilePath 'powershell.exe' -ArgumentList '-NoProfile','-NonInteractive','-WindowStyle','Hidden','-EncodedCommand','${encoded}' -Verb RunAs -Wait -PassThru; exit $p.ExitCode`,
  );
}

/**
 * macOS authorization: `do shell script … with administrator privileges` takes a shell
 * string. Each caller passes one fixed, constant script with absolute paths; never build
 * it from data. `"` and `\` would break the AppleScript literal, so they are refused.
 */
export function macAdmin(script: string): RepairCommand {
  if (/["\\]/.test(script)) throw new Error('macAdmin scripts must not contain quotes or backslashes');
  return { file: 'osascript', args: ['-e', `do shell script "${script}" with administrator privileges`] };
}
