/**
 * `Tandem --diagnose [--json] […]`: the same report as `npm run diagnose`, for IT and for help
 * over the phone. It prints and quits without opening a window or taking the single-instance
 * lock, so it also works while Tandem is already running.
 */
import { app } from 'electron';
import { runDiagnoseCli } from '../services/diagnostics/cli';

export function diagnoseArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--diagnose');
  return at < 0 ? null : argv.slice(at + 1);
}

export function runDiagnoseFlag(args: readonly string[]): void {
  void runDiagnoseCli(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then((code) => {
    process.stdout.write('', () => app.exit(code));
  });
}
