import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUDGET, judge, type Verdict } from './budget';
import { floorRatios } from './floor-ratio';
import { OUT_DIR, type Metric } from './record';
import { floorSection } from './report-floor';

export const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
export const SUMMARY = fileURLToPath(new URL('./summary.md', import.meta.url));

function machine(): Record<string, unknown> {
  const chromium = (() => {
    try {
      return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  })();
  const cpu = cpus();
  return { cpuModel: cpu[0]?.model ?? 'unknown', cores: cpu.length, memMb: Math.round(totalmem() / 2 ** 20), kernel: release(), node: process.version, chromium, screen: '1280x800 Xvfb', loadAverageAtReport: loadavg().map((value) => Math.round(value * 100) / 100) };
}

/** Other jobs on the machine: the 5-minute load average (the length of a run) above the core count. */
const busy = (m: Record<string, unknown>) => ((m.loadAverageAtReport as number[])[1] ?? 0) > (m.cores as number);

const fmt = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '–' : String(value));

/** Merges bench/out/*.json into results.json and summary.md (with the floor ratios and charts) and prints pass/miss per budget line. */
export async function writeReport(): Promise<void> {
  const metrics: Metric[] = [];
  for (const file of (await readdir(OUT_DIR).catch(() => [])).filter((name) => name.endsWith('.json')).sort()) {
    metrics.push(...(JSON.parse(await readFile(`${OUT_DIR}/${file}`, 'utf8')) as Metric[]));
  }
  metrics.push(...floorRatios(metrics));
  const verdicts = new Map<string, Verdict[]>(metrics.map((metric) => [metric.name, judge(metric)]));
  const missing = Object.keys(BUDGET).filter((name) => !metrics.some((metric) => metric.name === name));
  const results = {
    generatedAt: new Date().toISOString(),
    machine: machine(),
    metrics: Object.fromEntries(metrics.map((metric) => [metric.name, { ...metric, budget: verdicts.get(metric.name) }])),
    notMeasured: missing,
  };
  // Raw samples feed the charts only; results.json keeps the percentiles.
  await writeFile(RESULTS, `${JSON.stringify(results, (key, value: unknown) => (key === 'samples' ? undefined : value), 2)}\n`);

  const rows = metrics.map((metric) => {
    const lines = verdicts.get(metric.name) ?? [];
    const verdict = lines.length === 0 ? 'info' : lines.map((line) => `${line.pass ? 'pass' : 'MISS'} (${line.target})`).join(', ');
    return `| ${metric.name} | ${fmt(metric.value)} ${metric.unit} | ${fmt(metric.p50)} / ${fmt(metric.p95)} / ${fmt(metric.p99)} | ${metric.runs} | ${metric.codec ?? ''} | ${verdict} |`;
  });
  const m = results.machine;
  const summary = [
    '# Tandem bench',
    '',
    `${results.generatedAt} · ${String(m.cpuModel)} × ${String(m.cores)} · ${String(m.chromium)} · Node ${String(m.node)} · load average (1/5/15 min) at the end ${(m.loadAverageAtReport as number[]).join(' / ')}`,
    '',
    '| metric | value | p50 / p95 / p99 | runs | codec | budget |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(await floorSection(metrics)),
    ...(missing.length ? ['', `Not measured in this run: ${missing.join(', ')}`] : []),
    ...(busy(m) ? ['', `Warning: the machine was shared (5-min load average ${String((m.loadAverageAtReport as number[])[1])} on ${String(m.cores)} cores). Latency, fps and server rates suffer first; see machineBusyPct in results.json.`] : []),
    '',
  ].join('\n');
  await writeFile(SUMMARY, summary);
  process.stdout.write(`\n${summary}\nresults: ${RESULTS}\n`);
}
