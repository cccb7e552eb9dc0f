import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyDegradation, SAMPLE_MS, watchSharpness } from './sharpness-watch';

/** A sender whose encoder sends `rate()` bits per second; records every degradation preference applied. */
function fakeSender(rate: () => number) {
  let bytesSent = 0;
  let parameters = { encodings: [{ active: true }], transactionId: 't', degradationPreference: 'maintain-resolution' } as unknown as RTCRtpSendParameters;
  const applied: string[] = [];
  return {
    applied,
    sender: {
      track: { kind: 'video' } as MediaStreamTrack,
      getStats: () => {
        bytesSent += (rate() * SAMPLE_MS) / 1000 / 8;
        return Promise.resolve(new Map([['out', { type: 'outbound-rtp', kind: 'video', bytesSent }]]) as unknown as RTCStatsReport);
      },
      getParameters: () => structuredClone(parameters),
      setParameters: vi.fn((next: RTCRtpSendParameters) => {
        parameters = next;
        applied.push(String(next.degradationPreference));
        return Promise.resolve();
      }),
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('watchSharpness', () => {
  it('lets resolution go during a scroll and asks for it back soon after the scroll stops', async () => {
    vi.useFakeTimers();
    let rate = 20_000;
    const { sender, applied } = fakeSender(() => rate);
    const watch = watchSharpness(sender, undefined, () => Date.now());
    await vi.advanceTimersByTimeAsync(500);
    expect(applied).toEqual([]);
    rate = 1_800_000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(watch.content()).toBe('motion');
    expect(applied).toEqual(['balanced']);
    rate = 20_000;
    const stoppedAt = Date.now();
    await vi.waitUntil(async () => {
      await vi.advanceTimersByTimeAsync(SAMPLE_MS);
      return watch.content() === 'still';
    });
    expect(Date.now() - stoppedAt).toBeLessThanOrEqual(500);
    expect(applied).toEqual(['balanced', 'maintain-resolution']);
    watch.stop();
    rate = 1_800_000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(applied).toHaveLength(2);
  });

  it('reports a refused preference instead of throwing', async () => {
    const refusing = {
      getParameters: () => ({ encodings: [{}], transactionId: 't' }) as unknown as RTCRtpSendParameters,
      setParameters: () => Promise.reject(new Error('InvalidStateError')),
    };
    await expect(applyDegradation(refusing, 'motion')).resolves.toBe(false);
    await expect(applyDegradation({ ...refusing, getParameters: () => ({ encodings: [] }) as unknown as RTCRtpSendParameters }, 'still')).resolves.toBe(false);
  });
});
