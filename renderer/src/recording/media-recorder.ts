import { RECORDING_TIMESLICE_MS } from '../../../shared/recording';

/** What the consultant's recorder needs from the browser's MediaRecorder (a fake in unit tests). */
export interface RecorderPort {
  readonly mimeType: string;
  /** Voice that joins after the recording started is mixed in from then on. */
  addAudio(stream: MediaStream): void;
  /** Nothing is recorded while held (a lost link); resume carries on in the same file. */
  hold(): void;
  resume(): void;
  /** Resolves once the last chunk has been handed over. */
  stop(): Promise<void>;
}

const MIME_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

/**
 * Records the session's video with one mixed audio track. MediaRecorder cannot take tracks
 * added after it started, so the audio track always exists (silent until a voice joins) and
 * each voice is mixed into it through Web Audio when it appears.
 */
export function startMediaRecorder(video: MediaStream, onChunk: (data: Blob) => void, onFailure: (reason: string) => void): RecorderPort {
  const audio = new AudioContext();
  const mix = audio.createMediaStreamDestination();
  // Chromium's WebM muxer holds the video back until the audio track delivers samples: a
  // silent source keeps samples flowing before anyone speaks (and the context must run).
  const silence = audio.createConstantSource();
  silence.offset.value = 0;
  silence.connect(mix);
  silence.start();
  void audio.resume().catch(() => undefined);
  const mixed = new Set<string>();
  const mimeType = MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? '';
  const recorder = new MediaRecorder(new MediaStream([...video.getVideoTracks(), ...mix.stream.getAudioTracks()]), mimeType ? { mimeType } : {});
  recorder.ondataavailable = (event) => onChunk(event.data);
  recorder.onerror = () => onFailure('recorder-error');
  // Each chunk is handed over (and stored) every timeslice: a crash loses at most one.
  recorder.start(RECORDING_TIMESLICE_MS);
  return {
    mimeType: recorder.mimeType || mimeType || 'video/webm',
    addAudio(stream) {
      if (stream.getAudioTracks().length === 0 || mixed.has(stream.id)) return;
      mixed.add(stream.id);
      audio.createMediaStreamSource(stream).connect(mix);
    },
    hold: () => recorder.state === 'recording' && recorder.pause(),
    resume: () => recorder.state === 'paused' && recorder.resume(),
    stop() {
      if (recorder.state === 'inactive') return audio.close().catch(() => undefined);
      return new Promise<void>((resolve) => {
        recorder.addEventListener('stop', () => void audio.close().catch(() => undefined).finally(resolve), { once: true });
        recorder.stop();
      });
    },
  };
}
