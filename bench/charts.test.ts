import { describe, expect, it } from 'vitest';
import { distributionChart, ratioChart } from './charts';

describe('bench charts', () => {
  it('draws one bar per ratio, marks a miss, and says it all in the description', () => {
    const chart = ratioChart([{ name: 'input_rtt_ms', ratio: 1.1, goal: 1.3 }, { name: 'connect_ms', ratio: 2.4, goal: 1.5 }]);
    expect(chart.match(/<rect x=/g)).toHaveLength(2);
    expect(chart).toContain('fill="#c2571a"');
    expect(chart).toContain('<desc id="d">input_rtt_ms: 1.10 times the floor, goal at most 1.3; connect_ms: 2.40 times the floor, goal at most 1.5</desc>');
  });

  it('plots each series as a rising line and escapes labels', () => {
    const chart = distributionChart('RTT <p50>', 'ms', [{ label: 'Tandem', samples: [3, 1, 2] }, { label: 'floor & co', samples: [1] }]);
    expect(chart).toContain('RTT &lt;p50&gt;');
    expect(chart).toContain('floor &amp; co (n = 1)');
    const line = /<polyline[^>]*points="([^"]+)"/.exec(chart)?.[1] ?? '';
    const ys = line.split(' ').map((point) => Number(point.split(',')[1]));
    // SVG y grows downwards: a cumulative share only ever goes up the picture.
    expect(ys).toEqual([...ys].sort((a, b) => b - a));
    expect(chart).toContain('median 2 ms');
  });
});
