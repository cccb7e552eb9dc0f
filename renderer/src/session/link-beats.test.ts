import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BEAT_INTERVAL_MS, SILENCE_MS, startBeats } from './link-beats';

describe('link beats', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const start = () => {
    const sent: number[] = [];
    const silence: boolean[] = [];
    const beats = startBeats({ send: () => (sent.push(Date.now()), true), onSilence: (s) => silence.push(s), now: () => Date.now() });
    return { beats, sent, silence };
  };

  it('beats twice a second and says nothing while the other side answers', () => {
    const { beats, sent, silence } = start();
    beats.heard();
    for (let i = 0; i < 20; i += 1) {
      vi.advanceTimersByTime(BEAT_INTERVAL_MS);
      beats.heard();
    }
    expect(sent).toHaveLength(20);
    expect(silence).toEqual([]);
    beats.stop();
  });

  it('reports silence once after about two seconds without a word, and the end of it with the next message', () => {
    const { beats, silence } = start();
    beats.heard();
    vi.advanceTimersByTime(SILENCE_MS);
    expect(silence).toEqual([]);
    vi.advanceTimersByTime(BEAT_INTERVAL_MS);
    expect(silence).toEqual([true]);
    vi.advanceTimersByTime(5000);
    expect(silence).toEqual([true]);
    beats.heard();
    expect(silence).toEqual([true, false]);
    beats.stop();
  });

  it('never reports silence before the channel ever carried anything', () => {
    const { beats, silence } = start();
    vi.advanceTimersByTime(10_000);
    expect(silence).toEqual([]);
    beats.stop();
  });

  it('a page frozen for a while (late ticks) is not taken for a dead path', () => {
    let clock = 0;
    const silence: boolean[] = [];
    const beats = startBeats({ send: () => true, onSilence: (s) => silence.push(s), now: () => clock });
    beats.heard();
    // The timer fires, but the page's clock says 10 s passed since the last tick.
    clock = 10_000;
    vi.advanceTimersByTime(BEAT_INTERVAL_MS);
    expect(silence).toEqual([]);
    clock += BEAT_INTERVAL_MS;
    vi.advanceTimersByTime(BEAT_INTERVAL_MS);
    expect(silence).toEqual([]);
    beats.stop();
  });
});
