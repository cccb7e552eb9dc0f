import { describe, expect, it, vi } from 'vitest';
import { orderCodecs, preferCodecs, SCREEN_SHARE, tuneVideoSender } from './video-sender';

function fakeSender(kind: 'video' | 'audio' | null, encodings: RTCRtpEncodingParameters[] = [{ active: true }], reject = false) {
  let current = { encodings, transactionId: 't1', codecs: [], headerExtensions: [], rtcp: {} } as unknown as RTCRtpSendParameters;
  const setParameters = vi.fn((parameters: RTCRtpSendParameters) => {
    if (reject) return Promise.reject(new Error('InvalidModificationError'));
    current = parameters;
    return Promise.resolve();
  });
  return { track: kind ? ({ kind } as MediaStreamTrack) : null, getParameters: () => structuredClone(current), setParameters, applied: () => current };
}

const codec = (mimeType: string) => ({ mimeType, clockRate: 90_000 });

describe('tuneVideoSender', () => {
  it('sets the bitrate and frame-rate caps on every encoding and the degradation preference', async () => {
    const sender = fakeSender('video', [{ active: true, rid: 'a' }, { active: true, rid: 'b' }]);
    expect(await tuneVideoSender(sender)).toBe(true);
    const applied = sender.applied();
    expect(applied.degradationPreference).toBe(SCREEN_SHARE.degradationPreference);
    expect(applied.encodings).toEqual([
      { active: true, rid: 'a', maxBitrate: SCREEN_SHARE.maxBitrate, maxFramerate: SCREEN_SHARE.maxFramerate },
      { active: true, rid: 'b', maxBitrate: SCREEN_SHARE.maxBitrate, maxFramerate: SCREEN_SHARE.maxFramerate },
    ]);
    // The transaction id from getParameters goes back unchanged, as setParameters requires.
    expect(applied.transactionId).toBe('t1');
  });

  it('leaves audio, track-less and not-yet-negotiated senders alone', async () => {
    for (const sender of [fakeSender('audio'), fakeSender(null), fakeSender('video', [])]) {
      expect(await tuneVideoSender(sender)).toBe(false);
      expect(sender.setParameters).not.toHaveBeenCalled();
    }
  });

  it('reports a refusal instead of throwing (the session goes on with defaults)', async () => {
    await expect(tuneVideoSender(fakeSender('video', [{}], true))).resolves.toBe(false);
  });
});

describe('codec preferences', () => {
  const offered = [codec('video/VP8'), codec('video/rtx'), codec('video/H264'), codec('video/AV1'), codec('video/VP9'), codec('video/VP9'), codec('video/red')];

  it('puts AV1 then VP9 first and keeps every other codec, in the browser’s order', () => {
    expect(orderCodecs(offered).map((c) => c.mimeType)).toEqual(['video/AV1', 'video/VP9', 'video/VP9', 'video/VP8', 'video/rtx', 'video/H264', 'video/red']);
  });

  it('applies the order to video transceivers only and survives an engine that refuses it', () => {
    const video = { sender: { track: { kind: 'video' } as MediaStreamTrack }, setCodecPreferences: vi.fn() };
    const audio = { sender: { track: { kind: 'audio' } as MediaStreamTrack }, setCodecPreferences: vi.fn() };
    const refusing = { sender: { track: { kind: 'video' } as MediaStreamTrack }, setCodecPreferences: vi.fn(() => { throw new Error('InvalidAccessError'); }) };
    preferCodecs([video, audio, refusing], { codecs: offered, headerExtensions: [] });
    expect(video.setCodecPreferences).toHaveBeenCalledWith(orderCodecs(offered));
    expect(audio.setCodecPreferences).not.toHaveBeenCalled();
    expect(refusing.setCodecPreferences).toHaveBeenCalled();
    preferCodecs([video], null);
    expect(video.setCodecPreferences).toHaveBeenCalledTimes(1);
  });
});
