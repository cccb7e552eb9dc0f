import { describe, expect, it } from 'vitest';
import { floorRatios } from './floor-ratio';
import { distribution } from './record';

describe('floorRatios', () => {
  it('divides each metric by its floor measured in the same run, p50 and p95', () => {
    const ratios = floorRatios([
      distribution('input_rtt_ms', 'ms', [2, 2, 4, 8]),
      distribution('input_rtt_ms_floor', 'ms', [1, 1, 2, 4]),
      distribution('connect_ms', 'ms', [300]),
    ]);
    expect(ratios).toEqual([expect.objectContaining({ name: 'input_rtt_ms_ratio', value: 2, details: { tandem: 2, floor: 1, p95Ratio: 2 } })]);
  });

  it('writes no ratio when either side is missing or the floor is zero', () => {
    expect(floorRatios([distribution('input_rtt_ms_floor', 'ms', [1])])).toEqual([]);
    expect(floorRatios([distribution('connect_ms', 'ms', [5]), distribution('connect_ms_floor', 'ms', [0])])).toEqual([]);
  });
});
