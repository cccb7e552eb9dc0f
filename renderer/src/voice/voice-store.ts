import { create } from 'zustand';

interface VoiceStore {
  /** This side's microphone is on the call. */
  local: boolean;
  muted: boolean;
  /** The other side's microphone is on the call, and whether it is muted. */
  remote: boolean;
  remoteMuted: boolean;
  remoteStream: MediaStream | null;
  /** This side's microphone while it is on the call (the consultant's recorder mixes it in). */
  localStream: MediaStream | null;
  problem: 'no-microphone' | null;
  set: (patch: Partial<Omit<VoiceStore, 'set' | 'reset'>>) => void;
  reset: () => void;
}

const initial = { local: false, muted: false, remote: false, remoteMuted: false, remoteStream: null, localStream: null, problem: null };

export const useVoiceStore = create<VoiceStore>((set) => ({ ...initial, set: (patch) => set(patch), reset: () => set(initial) }));
