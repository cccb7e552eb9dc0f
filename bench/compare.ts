import { RATIO_SUFFIX } from './floor-ratio';

/** The slice of results.json the regression guard reads. */
export interface BenchResults {
  generatedAt?: string;
  metrics: Record<string, { value: number }>;
}

export interface Change {
  name: string;
  previous: number;
  current: number;
  /** current ÷ previous − 1: +0.25 means the ratio to the floor got 25 % worse. */
  change: number;
  flagged: boolean;
}

/** A ratio to the floor that grew by more than this is a regression (issue 16: 20 %). */
export const REGRESSION = 0.2;

/**
 * Compares the ratios to the floor of two runs. Absolute times drift with the machine's load;
 * ratios measured against a floor taken in the same run do much less, so only they are judged.
 * Every ratio is "lower is better" (latencies ÷ the floor's).
 */
export function compareRuns(previous: BenchResults, current: BenchResults, threshold = REGRESSION): Change[] {
  const changes: Change[] = [];
  for (const [name, metric] of Object.entries(current.metrics)) {
    if (!name.endsWith(RATIO_SUFFIX)) continue;
    const before = previous.metrics[name]?.value;
    if (before === undefined || !(before > 0) || !Number.isFinite(metric.value)) continue;
    const change = metric.value / before - 1;
    changes.push({ name, previous: before, current: metric.value, change: Math.round(change * 1000) / 1000, flagged: change > threshold });
  }
  return changes;
}

/** The comparison as Markdown, for the terminal and the end of summary.md. */
export function comparisonMarkdown(changes: readonly Change[], previousLabel: string): string {
  if (changes.length === 0) return `## Compared with ${previousLabel}\n\nNo ratio to the floor in both runs: nothing to compare.\n`;
  const rows = changes.map((c) => `| ${c.name} | ${c.previous} | ${c.current} | ${c.change >= 0 ? '+' : ''}${Math.round(c.change * 100)} % | ${c.flagged ? 'REGRESSION' : 'ok'} |`);
  return [`## Compared with ${previousLabel}`, '', `A ratio that grew by more than ${REGRESSION * 100} % is flagged.`, '', '| ratio | before | now | change | verdict |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}
