/** Parsers for printing tools' output, kept apart from the checks so tests feed them text. */
import { asText } from '../check';

export interface PrinterState {
  name: string;
  state: 'idle' | 'printing' | 'disabled' | 'error' | 'unknown';
  jobs: number;
}

export interface PrintersSnapshot {
  printers: PrinterState[];
  defaultPrinter: string;
  /** Jobs waiting on a printer that cannot print, or sitting far longer than a print takes. */
  stuckJobs: number;
}

/** `lpstat -p -d` and `lpstat -o` run with LC_ALL=C. */
export function parseLpstat(printersText: string, jobsText: string, now: number, stuckAfterMs: number): PrintersSnapshot {
  const printers: PrinterState[] = [];
  for (const line of printersText.split('\n')) {
    const match = /^printer (\S+) (.*)$/.exec(line.trim());
    if (!match?.[1] || match[2] === undefined) continue;
    const rest = match[2];
    const state = /disabled/.test(rest) ? 'disabled' : /now printing/.test(rest) ? 'printing' : /is idle/.test(rest) ? 'idle' : 'unknown';
    printers.push({ name: match[1], state, jobs: 0 });
  }
  const defaultPrinter = /system default destination: (\S+)/.exec(printersText)?.[1] ?? '';
  let stuckJobs = 0;
  for (const line of jobsText.split('\n')) {
    // "Office-12   alice   1024   Mon Jan  1 10:00:00 2024"
    const match = /^(\S+)-(\d+)\s+\S+\s+\d+\s+(.+)$/.exec(line.trim());
    if (!match?.[1]) continue;
    const printer = printers.find((p) => p.name === match[1]);
    if (printer) printer.jobs += 1;
    const submitted = Date.parse(match[3] ?? '');
    const old = Number.isFinite(submitted) && now - submitted > stuckAfterMs;
    if (old || printer?.state === 'disabled') stuckJobs += 1;
  }
  return { printers, defaultPrinter, stuckJobs };
}

interface WindowsPrinter {
  Name?: unknown;
  PrinterStatus?: unknown;
  JobCount?: unknown;
}
interface WindowsJob {
  PrinterName?: unknown;
  JobStatus?: unknown;
  SubmittedTime?: unknown;
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : value ? [value as T] : []);

/** The JSON our fixed PowerShell script prints: `{ printers, default, jobs }`. */
export function parseWindowsPrinters(json: string, now: number, stuckAfterMs: number): PrintersSnapshot {
  const parsed = JSON.parse(json) as { printers?: unknown; default?: unknown; jobs?: unknown };
  const printers = list<WindowsPrinter>(parsed.printers).map((p): PrinterState => {
    const status = asText(p.PrinterStatus);
    const state = /normal|idle|^0$/i.test(status) ? 'idle' : /printing/i.test(status) ? 'printing' : /offline|error|paused|jam|paper/i.test(status) ? 'error' : 'unknown';
    return { name: asText(p.Name) || '?', state, jobs: Number(p.JobCount) || 0 };
  });
  let stuckJobs = 0;
  for (const job of list<WindowsJob>(parsed.jobs)) {
    // ConvertTo-Json writes dates as "/Date(1700000000000)/".
    const ms = Number(/\d{10,}/.exec(asText(job.SubmittedTime))?.[0]);
    if (/error|paused|blocked/i.test(asText(job.JobStatus)) || (Number.isFinite(ms) && now - ms > stuckAfterMs)) stuckJobs += 1;
  }
  return { printers, defaultPrinter: typeof parsed.default === 'string' ? parsed.default : '', stuckJobs };
}
