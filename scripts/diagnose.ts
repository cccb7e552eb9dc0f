/**
 * `npm run diagnose [-- --json --lang fr --server wss://… --host example.org:443]`
 * Prints the diagnostics report; see electron/services/diagnostics/cli.ts for the options.
 */
import { runDiagnoseCli } from '../electron/services/diagnostics/cli';

const code = await runDiagnoseCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
// Exit once the output is flushed, even if a timed-out check left a child process or socket behind.
process.stdout.write('', () => process.exit(code));
