import { outcome, say, unknown, type CheckDefinition, type CheckOutcome } from '../check';
import type { CheckContext } from '../context';
import { parseLpstat, parseWindowsPrinters, type PrintersSnapshot } from './printers-parse';

const STUCK_AFTER_MS = 15 * 60_000;

export const WINDOWS_PRINTERS_SCRIPT =
  "$p = @(Get-Printer | Select-Object Name,@{n='PrinterStatus';e={[string]$_.PrinterStatus}},JobCount); " +
  "$d = (Get-CimInstance -ClassName Win32_Printer -Filter 'Default=TRUE').Name; " +
  "$j = @(Get-Printer | Get-PrintJob | Select-Object PrinterName,@{n='JobStatus';e={[string]$_.JobStatus}},SubmittedTime); " +
  '[pscustomobject]@{printers=$p;default=$d;jobs=$j} | ConvertTo-Json -Compress -Depth 4';

async function snapshot(ctx: CheckContext): Promise<PrintersSnapshot | CheckOutcome> {
  const opts = { timeoutMs: ctx.timeouts.commandMs, signal: ctx.signal, env: { LC_ALL: 'C' } };
  if (ctx.platform === 'win32') {
    const run = await ctx.runner('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_PRINTERS_SCRIPT], opts);
    if (run.status !== 'ok') return unknown(`printing cmdlets failed: ${run.reason} ${run.stderr}`.trim(), say('The list of printers could not be read.', 'La liste des imprimantes n’a pas pu être lue.'));
    return parseWindowsPrinters(run.stdout, ctx.now(), STUCK_AFTER_MS);
  }
  if (ctx.platform !== 'linux' && ctx.platform !== 'darwin') return unknown(`printers are not read on ${ctx.platform}`);
  const printers = await ctx.runner('lpstat', ['-p', '-d'], opts);
  if (printers.status === 'unavailable') {
    return unknown('lpstat not found: CUPS is not installed', say('This computer has no printing system installed.', 'Aucun système d’impression n’est installé sur cet ordinateur.'));
  }
  // lpstat exits non-zero with "No destinations added." when CUPS runs but has no printer.
  if (printers.status !== 'ok' && !/no destinations/i.test(printers.stdout + printers.stderr)) {
    return unknown(`lpstat -p -d: ${printers.reason} ${printers.stderr}`.trim(), say('The printing system did not answer.', 'Le système d’impression n’a pas répondu.'));
  }
  const jobs = await ctx.runner('lpstat', ['-o'], opts);
  return parseLpstat(printers.stdout, jobs.status === 'ok' ? jobs.stdout : '', ctx.now(), STUCK_AFTER_MS);
}

export const printersStatus: CheckDefinition = {
  id: 'printers.status',
  category: 'printers',
  async run(ctx) {
    const snap = await snapshot(ctx);
    if (!('printers' in snap)) return snap;
    const { printers, defaultPrinter, stuckJobs } = snap;
    const detail = `${printers.map((p) => `${p.name}: ${p.state}, ${p.jobs} jobs`).join('; ') || 'no printers'}; default ${defaultPrinter || 'none'}; stuck jobs ${stuckJobs}`;
    const data = { printers: printers.slice(0, 20), defaultPrinter, stuckJobs };
    if (printers.length === 0) return outcome('warn', say('No printer is installed.', 'Aucune imprimante n’est installée.'), detail, data);
    if (stuckJobs > 0) {
      return outcome('fail', say(`${stuckJobs} print jobs seem stuck in the queue.`, `${stuckJobs} impressions semblent bloquées dans la file d’attente.`), detail, data);
    }
    const broken = printers.filter((p) => p.state === 'disabled' || p.state === 'error').map((p) => p.name);
    if (broken.length > 0) {
      return outcome('warn', say(`Some printers are stopped or in error: ${broken.join(', ')}.`, `Certaines imprimantes sont arrêtées ou en erreur : ${broken.join(', ')}.`), detail, data);
    }
    if (!defaultPrinter) return outcome('warn', say('No default printer is chosen.', 'Aucune imprimante par défaut n’est choisie.'), detail, data);
    return outcome('ok', say(`The printers look ready (default: ${defaultPrinter}).`, `Les imprimantes semblent prêtes (par défaut : ${defaultPrinter}).`), detail, data);
  },
};
