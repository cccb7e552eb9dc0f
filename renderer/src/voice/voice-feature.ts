import { voiceMessageSchema, type VoiceWireMessage } from '../../../shared/chat';
import type { PeerLink } from '../session/peer-link';
import { FeatureKey, type SessionFeature } from '../session/session-feature';
import { useVoiceStore } from './voice-store';

/**
 * A voice call on the session's own peer connection. Each side's microphone joins only when
 * that side clicks; while it is live both sides show it, and either can mute or leave.
 */
export class VoiceCall implements SessionFeature {
  private microphone: MediaStream | null = null;

  constructor(
    private readonly peer: PeerLink,
    private readonly send: (message: VoiceWireMessage) => void,
    private readonly getMicrophone: () => Promise<MediaStream> = () => navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
  ) {
    useVoiceStore.getState().reset();
  }

  handle(raw: unknown): boolean {
    const parsed = voiceMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    const message = parsed.data;
    const store = useVoiceStore.getState();
    if (message.t === 'voice.on') store.set({ remote: true, remoteMuted: false });
    else if (message.t === 'voice.off') store.set({ remote: false, remoteStream: null });
    else store.set({ remoteMuted: message.muted });
    return true;
  }

  /** Audio-only streams from the other side are the call. */
  onRemoteStream(stream: MediaStream): boolean {
    if (stream.getVideoTracks().length > 0 || stream.getAudioTracks().length === 0) return false;
    useVoiceStore.getState().set({ remoteStream: stream });
    return true;
  }

  async join(): Promise<void> {
    if (this.microphone) return;
    try {
      this.microphone = await this.getMicrophone();
    } catch {
      useVoiceStore.getState().set({ problem: 'no-microphone' });
      return;
    }
    this.peer.addStream(this.microphone);
    useVoiceStore.getState().set({ local: true, muted: false, problem: null, localStream: this.microphone });
    this.send({ t: 'voice.on' });
  }

  setMuted(muted: boolean): void {
    for (const track of this.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
    useVoiceStore.getState().set({ muted });
    this.send({ t: 'voice.muted', muted });
  }

  leave(): void {
    if (!this.microphone) return;
    this.peer.removeStream(this.microphone);
    for (const track of this.microphone.getTracks()) track.stop();
    this.microphone = null;
    useVoiceStore.getState().set({ local: false, muted: false, localStream: null });
    this.send({ t: 'voice.off' });
  }

  dispose(): void {
    // The microphone never outlives the session.
    for (const track of this.microphone?.getTracks() ?? []) track.stop();
    this.microphone = null;
    useVoiceStore.getState().reset();
  }
}

export const VOICE = new FeatureKey<VoiceCall>('voice', (context) => new VoiceCall(context.peer, context.send));
