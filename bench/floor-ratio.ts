import { single, type Metric } from './record';

/** The suffixes a metric measured on the bare-WebRTC floor, and its ratio, carry in results.json. */
export const FLOOR_SUFFIX = '_floor';
export const RATIO_SUFFIX = '_ratio';

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * For every `<metric>` that has a `<metric>_floor` in the same run, `<metric>_ratio`: Tandem's
 * figure divided by the floor's. Both ran on the same machine minutes apart, so a busy machine
 * slows both and the ratio stays; a slower Tandem raises it. p95 is kept beside the p50 ratio.
 */
export function floorRatios(metrics: readonly Metric[]): Metric[] {
  const byName = new Map(metrics.map((metric) => [metric.name, metric]));
  const ratios: Metric[] = [];
  for (const floor of metrics) {
    if (!floor.name.endsWith(FLOOR_SUFFIX)) continue;
    const name = floor.name.slice(0, -FLOOR_SUFFIX.length);
    const tandem = byName.get(name);
    if (!tandem || !(floor.value > 0) || !Number.isFinite(tandem.value)) continue;
    const p95 = tandem.p95 !== undefined && floor.p95 !== undefined && floor.p95 > 0 ? round(tandem.p95 / floor.p95) : undefined;
    ratios.push(single(`${name}${RATIO_SUFFIX}`, '× floor', tandem.value / floor.value, Math.min(tandem.runs, floor.runs), { details: { tandem: tandem.value, floor: floor.value, ...(p95 === undefined ? {} : { p95Ratio: p95 }) } }));
  }
  return ratios;
}
