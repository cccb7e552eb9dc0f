import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BUDGET } from './budget';
import { distributionChart, ratioChart, type RatioBar } from './charts';
import { FLOOR_SUFFIX, RATIO_SUFFIX } from './floor-ratio';
import type { Metric } from './record';

export const CHART_DIR = fileURLToPath(new URL('./charts', import.meta.url));

const fmt = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '–' : String(value));
const goalOf = (ratioName: string) => BUDGET[ratioName]?.[0]?.limit;

interface FloorRow {
  name: string;
  tandem: Metric;
  floor: Metric;
  ratio: Metric;
}

function floorRows(metrics: readonly Metric[]): FloorRow[] {
  const byName = new Map(metrics.map((metric) => [metric.name, metric]));
  return metrics.filter((metric) => metric.name.endsWith(RATIO_SUFFIX)).flatMap((ratio) => {
    const name = ratio.name.slice(0, -RATIO_SUFFIX.length);
    const tandem = byName.get(name);
    const floor = byName.get(`${name}${FLOOR_SUFFIX}`);
    return tandem && floor ? [{ name, tandem, floor, ratio }] : [];
  });
}

/**
 * Writes the charts of this run into bench/charts (the ratio of every metric to the floor, and
 * each latency's distribution beside the floor's) and returns summary.md's floor section.
 */
export async function floorSection(metrics: readonly Metric[]): Promise<string[]> {
  const rows = floorRows(metrics);
  if (rows.length === 0) return [];
  await mkdir(CHART_DIR, { recursive: true });
  const bars: RatioBar[] = rows.map((row) => ({ name: row.name, ratio: row.ratio.value, goal: goalOf(row.ratio.name) ?? 1.3 }));
  await writeFile(`${CHART_DIR}/ratio-to-floor.svg`, ratioChart(bars));
  const pictures = ['![Ratio to the bare-WebRTC floor per metric](charts/ratio-to-floor.svg)'];
  for (const row of rows) {
    if (!row.tandem.samples?.length || !row.floor.samples?.length) continue;
    const file = `${row.name}.svg`;
    const chart = distributionChart(`${row.name}: share of samples at or below`, row.tandem.unit, [
      { label: 'Tandem', samples: row.tandem.samples },
      { label: 'bare WebRTC', samples: row.floor.samples },
    ]);
    await writeFile(`${CHART_DIR}/${file}`, chart);
    pictures.push(`![${row.name}: distribution, Tandem and the floor](charts/${file})`);
  }
  const table = rows.map((row) => {
    const goal = goalOf(row.ratio.name);
    const p95 = row.ratio.details?.p95Ratio;
    return `| ${row.name} | ${fmt(row.tandem.p50 ?? row.tandem.value)} ${row.tandem.unit} | ${fmt(row.floor.p50 ?? row.floor.value)} ${row.floor.unit} | ${fmt(row.ratio.value)}× (p95 ${typeof p95 === 'number' ? `${p95}×` : '–'}) | ≤ ${fmt(goal)}× ${goal !== undefined && row.ratio.value <= goal ? 'pass' : 'MISS'} |`;
  });
  return [
    '',
    '## Against the bare-WebRTC floor (same run)',
    '',
    'The floor is two bare pages with no Tandem code: the same capture, codec and loopback peer connection, the same XTEST clicks and data-channel echo. The p50s are compared.',
    '',
    '| metric | Tandem p50 | floor p50 | ratio | goal |',
    '| --- | --- | --- | --- | --- |',
    ...table,
    '',
    ...pictures,
  ];
}
