import type { AppAuditEvent } from '../../../shared/audit';
import { toConsultantRecordingSchema, type RecordingEnd, type TimelineLine, type ToUserRecording } from '../../../shared/recording';
import type { SessionFeature } from '../session/session-feature';
import type { RecorderPort } from './media-recorder';
import type { RecordingVault, RecordingWriter } from './recording-vault';
import { useRecordingStore } from './recording-store';

/** A timeline line before it is placed in the recording: `at` is a wall-clock time, or now when absent. */
export type TimelineEntry = { [K in TimelineLine['kind']]: Omit<Extract<TimelineLine, { kind: K }>, 'at'> & { at?: number } }[TimelineLine['kind']];

/** What is happening in the session, for the timeline. */
export interface TimelineSources {
  /** Subscribes; returns the unsubscribe. */
  watch(onLine: (line: TimelineEntry) => void): () => void;
}

export interface ConsultantRecorderDeps {
  send: (message: ToUserRecording) => void;
  audit: (event: AppAuditEvent) => void;
  vault: RecordingVault;
  peerName: string;
  sessionId: () => string | null;
  /** The person's shared screen as this side receives it; null when it is not live. */
  video: () => MediaStream | null;
  /** The voices on the call right now (either side's microphone), and when that changes. */
  voices: { current(): MediaStream[]; watch(onStream: (stream: MediaStream) => void): () => void };
  timeline: TimelineSources;
  startRecorder: (video: MediaStream, onChunk: (data: Blob) => void, onFailure: (reason: string) => void) => RecorderPort;
  now: () => number;
}

interface Live {
  writer: RecordingWriter;
  recorder: RecorderPort;
  startedAt: number;
  stopWatching: () => void;
  /** Held while the link is lost, until the person's app says its yes still stands. */
  held: boolean;
  line: (entry: TimelineEntry) => void;
}

/**
 * The consultant's end: asks, records only while the person's yes stands, and stops at once
 * when they stop it, when the session ends or when the link is lost. Chunks and timeline
 * lines are written to the vault as they come, so a crash loses at most a chunk.
 */
export class ConsultantRecorder implements SessionFeature {
  private live: Live | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly deps: ConsultantRecorderDeps) {
    useRecordingStore.getState().reset();
  }

  handle(raw: unknown): boolean {
    const parsed = toConsultantRecordingSchema.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    const store = useRecordingStore.getState();
    switch (message.t) {
      case 'recording.policy':
        store.set({ peerMode: message.mode });
        // The organisation expects recordings: ask as soon as the person's app says so (they still decide).
        if (message.mode === 'required') this.request();
        break;
      case 'recording.granted':
        if (store.phase === 'asking') void this.start();
        else if (this.live?.held) this.resume(this.live);
        break;
      case 'recording.refused':
        if (store.phase === 'asking') store.set({ phase: 'off', outcome: message.reason });
        break;
      case 'recording.stopped':
        void this.stop('user');
        break;
    }
    return true;
  }

  request(): void {
    const store = useRecordingStore.getState();
    if (store.phase !== 'off' || store.peerMode === 'forbidden') return;
    store.set({ phase: 'asking', outcome: null });
    this.deps.send({ t: 'recording.request' });
  }

  /** The consultant's own "Stop recording". */
  end(): Promise<void> {
    return this.stop('consultant');
  }

  onLink(event: 'lost' | 'back'): void {
    // The person's "Stop" could not reach us any more: record nothing until their app, once
    // the link is back, says again whether the yes stands (or stops us).
    const live = this.live;
    if (event === 'lost' && live && !live.held) {
      live.held = true;
      live.recorder.hold();
      live.line({ kind: 'event', event: 'recording.held' });
    }
    // Either side may have seen the loss alone (a page too busy to answer): ask, do not assume.
    if (event === 'back' && live?.held) this.deps.send({ t: 'recording.confirm' });
  }

  private resume(live: Live): void {
    live.held = false;
    live.recorder.resume();
    live.line({ kind: 'event', event: 'recording.resumed' });
  }

  dispose(): Promise<void> {
    return this.stop('session-ended');
  }

  private async start(): Promise<void> {
    const video = this.deps.video();
    if (!video) {
      useRecordingStore.getState().set({ phase: 'off', outcome: 'failed' });
      this.deps.send({ t: 'recording.ended' });
      return;
    }
    const startedAt = this.deps.now();
    let recorder: RecorderPort | null = null;
    let writer: RecordingWriter | null = null;
    try {
      writer = await this.deps.vault.begin({
        id: crypto.randomUUID(),
        sessionId: this.deps.sessionId(),
        peerName: this.deps.peerName.slice(0, 120),
        startedAt,
        mimeType: 'video/webm',
      });
      const target = writer;
      recorder = this.deps.startRecorder(
        video,
        (data) => void target.appendChunk(data).catch(() => void this.stop('failed')),
        () => void this.stop('failed'),
      );
    } catch {
      useRecordingStore.getState().set({ phase: 'off', outcome: 'failed' });
      this.deps.send({ t: 'recording.ended' });
      return;
    }
    const active = writer;
    const port = recorder;
    const line = (entry: TimelineEntry) => void active.appendLine({ ...entry, at: Math.max(0, (entry.at ?? this.deps.now()) - startedAt) }).catch(() => undefined);
    for (const stream of this.deps.voices.current()) port.addAudio(stream);
    const unwatch = [this.deps.voices.watch((stream) => port.addAudio(stream)), this.deps.timeline.watch(line)];
    this.live = { writer: active, recorder: port, startedAt, stopWatching: () => unwatch.forEach((stop) => stop()), held: false, line };
    line({ kind: 'event', event: 'recording.started' });
    const store = useRecordingStore.getState();
    store.set({ phase: 'on', outcome: null, recordingIds: [...store.recordingIds, active.meta.id] });
    this.deps.audit({ type: 'recording.started', recordingId: active.meta.id });
  }

  private stop(by: RecordingEnd): Promise<void> {
    const store = useRecordingStore.getState();
    if (store.phase === 'asking') store.set({ phase: 'off' });
    const live = this.live;
    if (!live) return this.stopping ?? Promise.resolve();
    this.live = null;
    store.set({ phase: 'off', outcome: by === 'user' ? 'stopped-by-user' : by === 'failed' ? 'failed' : null });
    if (by !== 'user' && by !== 'session-ended') this.deps.send({ t: 'recording.ended' });
    this.stopping = (async () => {
      live.stopWatching();
      // The last chunk comes with the recorder's stop; the end is written after it.
      await live.recorder.stop().catch(() => undefined);
      void live.writer.appendLine({ kind: 'event', event: 'recording.stopped', at: Math.max(0, this.deps.now() - live.startedAt) });
      const endedAt = this.deps.now();
      const meta = await live.writer.finish(by, endedAt).catch(() => live.writer.meta);
      this.deps.audit({ type: 'recording.stopped', recordingId: meta.id, by, durationMs: Math.max(0, endedAt - live.startedAt), bytes: meta.bytes });
    })();
    return this.stopping;
  }
}
