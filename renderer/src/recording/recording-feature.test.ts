import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppAuditEvent } from '../../../shared/audit';
import type { RecordingMode, ToConsultantRecording, ToUserRecording } from '../../../shared/recording';
import { createFakeHost } from '../test/fake-host';
import { ConsultantRecorder, type TimelineEntry } from './consultant-recorder';
import type { RecorderPort } from './media-recorder';
import { useRecordingStore } from './recording-store';
import { createMemoryVaultBackend, RecordingVault } from './recording-vault';
import { UserRecording } from './user-recording';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function userSide(mode: RecordingMode = 'allowed') {
  const fake = createFakeHost();
  const sent: ToConsultantRecording[] = [];
  const audited: AppAuditEvent[] = [];
  const feature = new UserRecording({ host: fake.host, consultantName: 'Camille', mode, send: (message) => sent.push(message), audit: (event) => audited.push(event) });
  return { ...fake, feature, sent, audited };
}

/** A stand-in for MediaRecorder (jsdom has none; the e2e test records for real in Chromium). */
function fakeRecorder() {
  const port = {
    started: 0,
    stopped: 0,
    held: 0,
    resumed: 0,
    audio: [] as MediaStream[],
    onChunk: (_data: Blob) => {},
    start(_video: MediaStream, onChunk: (data: Blob) => void): RecorderPort {
      port.started += 1;
      port.onChunk = onChunk;
      return {
        mimeType: 'video/webm',
        addAudio: (stream) => port.audio.push(stream),
        hold: () => void (port.held += 1),
        resume: () => void (port.resumed += 1),
        stop: () => {
          port.stopped += 1;
          // The last chunk comes with the stop, as with MediaRecorder.
          onChunk(new Blob(['end']));
          return Promise.resolve();
        },
      };
    },
  };
  return port;
}

function consultantSide() {
  const sent: ToUserRecording[] = [];
  const audited: AppAuditEvent[] = [];
  const backend = createMemoryVaultBackend();
  const vault = new RecordingVault(backend);
  const recorder = fakeRecorder();
  let emit: (line: TimelineEntry) => void = () => {};
  let now = 1_000_000;
  const video = { id: 'screen' } as MediaStream;
  const feature = new ConsultantRecorder({
    send: (message) => sent.push(message),
    audit: (event) => audited.push(event),
    vault,
    peerName: 'Dominique',
    sessionId: () => '7d1f4c1e-3a52-4b8e-9a55-0f2d7f3a9b10',
    video: () => video,
    voices: { current: () => [], watch: () => () => {} },
    timeline: {
      watch: (onLine) => {
        emit = onLine;
        return () => (emit = () => {});
      },
    },
    startRecorder: (stream, onChunk) => recorder.start(stream, onChunk),
    now: () => now,
  });
  return { feature, sent, audited, vault, recorder, emit: (line: TimelineEntry) => emit(line), advance: (ms: number) => (now += ms) };
}

beforeEach(() => useRecordingStore.getState().reset());

describe('the user’s side', () => {
  it('tells the consultant what the policy allows as soon as the session starts', () => {
    expect(userSide('forbidden').sent).toEqual([{ t: 'recording.policy', mode: 'forbidden' }]);
  });

  it('asks through the host, and a refusal is sent back and audited', async () => {
    const { feature, host, sent, audited } = userSide();
    feature.handle({ t: 'recording.request' });
    await flush();
    expect(host.recording.ask).toHaveBeenCalledWith({ consultantName: 'Camille' });
    expect(sent.at(-1)).toEqual({ t: 'recording.refused', reason: 'declined' });
    expect(audited).toEqual([{ type: 'recording.refused', reason: 'declined' }]);
    expect(useRecordingStore.getState().phase).toBe('off');
  });

  it('shows recording once allowed, and one click stops it and tells the consultant', async () => {
    const { feature, host, sent, audited } = userSide();
    host.recording.ask.mockResolvedValueOnce({ granted: true });
    feature.handle({ t: 'recording.request' });
    await flush();
    expect(useRecordingStore.getState().phase).toBe('on');
    expect(sent.at(-1)).toEqual({ t: 'recording.granted' });
    feature.stop();
    expect(sent.at(-1)).toEqual({ t: 'recording.stopped' });
    expect(useRecordingStore.getState()).toMatchObject({ phase: 'off', outcome: 'stopped-by-user' });
    expect(audited).toEqual([
      { type: 'consent.given', scope: 'recording' },
      { type: 'consent.revoked', scope: 'recording' },
    ]);
  });

  it('passes the host’s policy refusal on without a prompt of its own', async () => {
    const { feature, host, sent } = userSide('forbidden');
    host.recording.ask.mockResolvedValueOnce({ granted: false, reason: 'not-allowed' });
    feature.handle({ t: 'recording.request' });
    await flush();
    expect(sent.at(-1)).toEqual({ t: 'recording.refused', reason: 'not-allowed' });
  });

  it('withdraws a prompt still showing when the session ends', () => {
    const { feature, host } = userSide();
    void feature.dispose();
    expect(host.recording.withdraw).toHaveBeenCalled();
  });
});

describe('the consultant’s recorder', () => {
  it('records nothing until the person allows it, and nothing after a refusal', async () => {
    const side = consultantSide();
    side.feature.handle({ t: 'recording.policy', mode: 'allowed' });
    side.feature.request();
    expect(side.sent).toEqual([{ t: 'recording.request' }]);
    side.feature.handle({ t: 'recording.refused', reason: 'declined' });
    await flush();
    expect(side.recorder.started).toBe(0);
    expect(useRecordingStore.getState()).toMatchObject({ phase: 'off', outcome: 'declined' });
    expect(await side.vault.list()).toEqual([]);
  });

  it('never asks when the person’s organisation forbids it, and asks at once when it requires it', () => {
    const forbidden = consultantSide();
    forbidden.feature.handle({ t: 'recording.policy', mode: 'forbidden' });
    forbidden.feature.request();
    expect(forbidden.sent).toEqual([]);
    useRecordingStore.getState().reset();
    const required = consultantSide();
    required.feature.handle({ t: 'recording.policy', mode: 'required' });
    expect(required.sent).toEqual([{ t: 'recording.request' }]);
  });

  it('stores chunks and timeline as they come, and stops at once when the person stops', async () => {
    const side = consultantSide();
    side.feature.handle({ t: 'recording.policy', mode: 'allowed' });
    side.feature.request();
    side.feature.handle({ t: 'recording.granted' });
    await vi.waitFor(() => expect(side.recorder.started).toBe(1));
    const [started] = side.audited;
    expect(started).toMatchObject({ type: 'recording.started' });
    side.recorder.onChunk(new Blob(['first']));
    side.advance(1500);
    side.emit({ kind: 'chat', from: 'user', text: 'Voilà mon écran', at: 1_000_400 });
    await vi.waitFor(async () => expect((await side.vault.list())[0]).toMatchObject({ chunks: 1, bytes: 5, endedAt: null }));

    side.feature.handle({ t: 'recording.stopped' });
    expect(useRecordingStore.getState()).toMatchObject({ phase: 'off', outcome: 'stopped-by-user' });
    expect(side.recorder.stopped).toBe(1);
    await vi.waitFor(() => expect(side.audited.at(-1)).toMatchObject({ type: 'recording.stopped', by: 'user', durationMs: 1500, bytes: 8 }));
    const [meta] = await side.vault.list();
    const stored = await side.vault.read(meta?.id ?? '');
    expect(await stored?.video.text()).toBe('firstend');
    expect(stored?.meta).toMatchObject({ endedBy: 'user', sessionId: '7d1f4c1e-3a52-4b8e-9a55-0f2d7f3a9b10', peerName: 'Dominique' });
    expect(stored?.timeline).toEqual([
      { kind: 'event', at: 0, event: 'recording.started' },
      { kind: 'chat', at: 400, from: 'user', text: 'Voilà mon écran' },
      { kind: 'event', at: 1500, event: 'recording.stopped' },
    ]);
    // A stop from the person is not echoed back to them.
    expect(side.sent).toEqual([{ t: 'recording.request' }]);
  });

  it('holds while the link is lost, until the person’s app says again whether the yes stands', async () => {
    const lost = consultantSide();
    lost.feature.handle({ t: 'recording.policy', mode: 'allowed' });
    lost.feature.request();
    lost.feature.handle({ t: 'recording.granted' });
    await vi.waitFor(() => expect(lost.recorder.started).toBe(1));
    lost.feature.onLink('lost');
    lost.feature.onLink('back');
    expect([lost.recorder.held, lost.recorder.resumed]).toEqual([1, 0]);
    expect(lost.sent.at(-1)).toEqual({ t: 'recording.confirm' });
    lost.feature.handle({ t: 'recording.granted' });
    expect(lost.recorder.resumed).toBe(1);
    lost.feature.onLink('lost');
    // The person pressed Stop while the link was down: their app says so when it is back.
    lost.feature.handle({ t: 'recording.stopped' });
    expect(lost.recorder.stopped).toBe(1);
    await vi.waitFor(() => expect(lost.audited.at(-1)).toMatchObject({ type: 'recording.stopped', by: 'user' }));
  });

  it('the person’s app repeats its answer when the recorder asks after a lost link', async () => {
    const { feature, host, sent } = userSide();
    host.recording.ask.mockResolvedValueOnce({ granted: true });
    feature.handle({ t: 'recording.request' });
    await flush();
    feature.handle({ t: 'recording.confirm' });
    expect(sent.at(-1)).toEqual({ t: 'recording.granted' });
    feature.stop();
    feature.handle({ t: 'recording.confirm' });
    expect(sent.slice(-2)).toEqual([{ t: 'recording.stopped' }, { t: 'recording.stopped' }]);
  });

  it('stops when the session ends, and tells the person when the consultant stops', async () => {
    const ending = consultantSide();
    ending.feature.handle({ t: 'recording.policy', mode: 'allowed' });
    ending.feature.request();
    ending.feature.handle({ t: 'recording.granted' });
    await vi.waitFor(() => expect(ending.recorder.started).toBe(1));
    await ending.feature.dispose();
    expect(ending.recorder.stopped).toBe(1);
    expect(ending.audited.at(-1)).toMatchObject({ type: 'recording.stopped', by: 'session-ended' });

    useRecordingStore.getState().reset();
    const own = consultantSide();
    own.feature.handle({ t: 'recording.policy', mode: 'allowed' });
    own.feature.request();
    own.feature.handle({ t: 'recording.granted' });
    await vi.waitFor(() => expect(own.recorder.started).toBe(1));
    await own.feature.end();
    expect(own.sent.at(-1)).toEqual({ t: 'recording.ended' });
    expect(useRecordingStore.getState().recordingIds).toHaveLength(1);
  });
});
