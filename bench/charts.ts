/**
 * The bench's pictures (issue 16): small hand-made SVG, no chart library needed for two kinds
 * of chart. Each carries a <title> and <desc> so that a screen reader says what it shows.
 */
export interface RatioBar {
  name: string;
  ratio: number;
  goal: number;
}

export interface Series {
  label: string;
  samples: readonly number[];
}

const COLOURS = ['#1f5fa8', '#c2571a', '#2e7d32', '#6a1b9a'];
const FONT = 'font-family="sans-serif" font-size="12"';
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (value: number) => (Math.round(value * 10) / 10).toString();

function svg(width: number, height: number, title: string, desc: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d">`,
    `<title id="t">${escape(title)}</title><desc id="d">${escape(desc)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** One horizontal bar per metric: Tandem ÷ floor, with the floor (1×) and each metric's goal marked. */
export function ratioChart(bars: readonly RatioBar[]): string {
  const left = 190;
  const plot = 360;
  const row = 26;
  const top = 30;
  const height = top + bars.length * row + 30;
  const max = Math.max(2, ...bars.map((bar) => Math.max(bar.ratio, bar.goal))) * 1.05;
  const x = (value: number) => left + (Math.min(value, max) / max) * plot;
  const body = [`<text x="${left}" y="18" ${FONT}>Tandem ÷ bare WebRTC (1 = as fast as the floor)</text>`, `<line x1="${x(1)}" y1="${top - 4}" x2="${x(1)}" y2="${height - 24}" stroke="#555" stroke-dasharray="3 3"/>`];
  bars.forEach((bar, index) => {
    const y = top + index * row;
    const over = bar.ratio > bar.goal;
    body.push(
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end" ${FONT}>${escape(bar.name)}</text>`,
      `<rect x="${left}" y="${y + 3}" width="${fixed(x(bar.ratio) - left)}" height="16" fill="${over ? '#c2571a' : '#1f5fa8'}"/>`,
      `<line x1="${fixed(x(bar.goal))}" y1="${y}" x2="${fixed(x(bar.goal))}" y2="${y + 22}" stroke="#000" stroke-width="2"/>`,
      `<text x="${fixed(x(bar.ratio) + 6)}" y="${y + 15}" ${FONT}>${bar.ratio.toFixed(2)}× (goal ≤ ${bar.goal})</text>`,
    );
  });
  body.push(`<text x="${fixed(x(1))}" y="${height - 8}" text-anchor="middle" ${FONT}>1×</text>`);
  const desc = bars.map((bar) => `${bar.name}: ${bar.ratio.toFixed(2)} times the floor, goal at most ${bar.goal}`).join('; ');
  return svg(left + plot + 150, height, 'Ratio to the bare-WebRTC floor per metric', desc, body);
}

/** Empirical distribution (share of samples at or below x) of each series, up to the largest p99. */
export function distributionChart(title: string, unit: string, series: readonly Series[]): string {
  const width = 560;
  const height = 300;
  const pad = { left: 50, right: 20, top: 30, bottom: 40 };
  const sorted = series.map((s) => [...s.samples].filter(Number.isFinite).sort((a, b) => a - b));
  const p99 = (values: number[]) => values[Math.max(0, Math.ceil(values.length * 0.99) - 1)] ?? 0;
  const max = Math.max(1, ...sorted.map(p99));
  const x = (value: number) => pad.left + (Math.min(value, max) / max) * (width - pad.left - pad.right);
  const y = (share: number) => height - pad.bottom - share * (height - pad.top - pad.bottom);
  const body = [
    `<text x="${pad.left}" y="18" ${FONT}>${escape(title)}</text>`,
    `<line x1="${pad.left}" y1="${y(0)}" x2="${width - pad.right}" y2="${y(0)}" stroke="#555"/>`,
    `<line x1="${pad.left}" y1="${y(0)}" x2="${pad.left}" y2="${y(1)}" stroke="#555"/>`,
    `<text x="${pad.left - 6}" y="${y(1) + 4}" text-anchor="end" ${FONT}>100 %</text>`,
    `<text x="${pad.left - 6}" y="${y(0.5) + 4}" text-anchor="end" ${FONT}>50 %</text>`,
    `<text x="${width - pad.right}" y="${height - 12}" text-anchor="end" ${FONT}>${fixed(max)} ${escape(unit)}</text>`,
    `<text x="${pad.left}" y="${height - 12}" ${FONT}>0</text>`,
  ];
  sorted.forEach((values, index) => {
    if (values.length === 0) return;
    const points = values.map((value, rank) => `${fixed(x(value))},${fixed(y((rank + 1) / values.length))}`);
    const colour = COLOURS[index % COLOURS.length] ?? '#000';
    // The curve starts at the fastest sample, not at 0: nothing was ever that fast.
    body.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${fixed(x(values[0] ?? 0))},${fixed(y(0))} ${points.join(' ')}"/>`);
    body.push(`<text x="${width - pad.right - 150}" y="${y(0.3) + index * 16}" fill="${colour}" ${FONT}>${escape(series[index]?.label ?? '')} (n = ${values.length})</text>`);
  });
  const desc = series.map((s, index) => {
    const values = sorted[index] ?? [];
    const median = values[Math.max(0, Math.ceil(values.length / 2) - 1)];
    return `${s.label}: ${values.length} samples, median ${median === undefined ? 'none' : fixed(median)} ${unit}`;
  }).join('; ');
  return svg(width, height, title, desc, body);
}
