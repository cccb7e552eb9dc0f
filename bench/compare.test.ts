import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonMarkdown } from './compare';

const run = (metrics: Record<string, number>) => ({ metrics: Object.fromEntries(Object.entries(metrics).map(([name, value]) => [name, { value }])) });

describe('compareRuns', () => {
  it('flags a ratio to the floor that got more than 20 % worse, and only ratios', () => {
    const changes = compareRuns(run({ input_rtt_ms_ratio: 1, connect_ms_ratio: 1.2, connect_ms: 300 }), run({ input_rtt_ms_ratio: 1.25, connect_ms_ratio: 1.3, connect_ms: 900 }));
    expect(changes).toEqual([
      { name: 'input_rtt_ms_ratio', previous: 1, current: 1.25, change: 0.25, flagged: true },
      { name: 'connect_ms_ratio', previous: 1.2, current: 1.3, change: 0.083, flagged: false },
    ]);
  });

  it('does not flag an improvement or a ratio missing from the earlier run', () => {
    expect(compareRuns(run({ a_ratio: 2 }), run({ a_ratio: 1, b_ratio: 9 }))).toEqual([{ name: 'a_ratio', previous: 2, current: 1, change: -0.5, flagged: false }]);
  });

  it('writes a table with a verdict per ratio', () => {
    const text = comparisonMarkdown(compareRuns(run({ a_ratio: 1 }), run({ a_ratio: 1.5 })), 'previous.json');
    expect(text).toContain('| a_ratio | 1 | 1.5 | +50 % | REGRESSION |');
    expect(comparisonMarkdown([], 'x.json')).toContain('nothing to compare');
  });
});
