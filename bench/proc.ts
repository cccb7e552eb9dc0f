import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { WindowPlacement } from '../e2e/support/chromium';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function cmdlines(): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      out.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** The private profile folder of the Chromium launched at this placement (its main process carries both flags). */
export function userDataDirAt(placement: WindowPlacement): string {
  const main = cmdlines().find(({ cmdline }) => cmdline.includes(`--window-position=${placement.x},${placement.y} `) && cmdline.includes(`--window-size=${placement.width},${placement.height}`));
  const dir = main?.cmdline.match(/--user-data-dir=(\S+)/)?.[1];
  if (!dir) throw new Error('browser process not found');
  return dir;
}

/** Seconds of CPU (user + system) used so far by every process whose command line names `marker`. */
export function cpuSeconds(marker: string): number {
  let ticks = 0;
  for (const { pid, cmdline } of cmdlines()) {
    if (!cmdline.includes(marker)) continue;
    try {
      // Fields after the parenthesised name: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended meanwhile
    }
  }
  return ticks / CLK_TCK;
}

/** CPU seconds (user + system) of one process. */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident set size of one process, bytes. */
export function rssBytes(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Whole-machine CPU counters (all cores), from the first line of /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle + iowait are not busy.
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** Share of the whole machine (all cores) that was busy between two readings, percent. */
export function machineBusyPct(a: { busy: number; total: number }, b: { busy: number; total: number }): number {
  return b.total > a.total ? Math.round(((b.busy - a.busy) / (b.total - a.total)) * 1000) / 10 : Number.NaN;
}

/** 1-minute load average. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
