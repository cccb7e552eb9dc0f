import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Each bench file writes its metrics here; the global teardown merges them into results.json. */
export const OUT_DIR = fileURLToPath(new URL('./out', import.meta.url));

export interface Metric {
  name: string;
  unit: string;
  /** The figure compared with the budget (the median for distributions). */
  value: number;
  p50?: number;
  p95?: number;
  p99?: number;
  /** Samples (or sessions) behind the figure. */
  runs: number;
  codec?: string;
  /** How it was measured and what else was seen (resolution, qualityLimitationReason, …). */
  details?: Record<string, unknown>;
  /** A distribution's raw samples, for the charts; left out of results.json. */
  samples?: number[];
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** A distribution metric: value = p50. */
export function distribution(name: string, unit: string, samples: readonly number[], extra: Partial<Metric> = {}): Metric {
  const p50 = round(percentile(samples, 50));
  return { name, unit, value: p50, p50, p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)), runs: samples.length, samples: samples.map(round), ...extra };
}

export function single(name: string, unit: string, value: number, runs: number, extra: Partial<Metric> = {}): Metric {
  return { name, unit, value: round(value), runs, ...extra };
}

export async function recordMetrics(group: string, metrics: Metric[]): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(`${OUT_DIR}/${group}.json`, JSON.stringify(metrics, null, 2));
}
