import { create } from 'zustand';
import type { RecordingMode, RecordingRefusal } from '../../../shared/recording';

/**
 * Recording, as each side sees it. User: whether the consultant records now. Consultant: what
 * the person's organisation allows, and where the request or the recorder stands.
 */
export type RecordingPhase = 'off' | 'asking' | 'on';

interface RecordingStore {
  phase: RecordingPhase;
  /** Consultant: the person's policy, once their app said it (null before). */
  peerMode: RecordingMode | null;
  /** Why the last request or recording ended without the consultant stopping it. */
  outcome: RecordingRefusal | 'stopped-by-user' | 'failed' | null;
  /** The recordings made in this session (consultant), for the session report. */
  recordingIds: string[];
  set: (patch: Partial<Omit<RecordingStore, 'set' | 'reset'>>) => void;
  reset: () => void;
}

const initial = { phase: 'off' as const, peerMode: null, outcome: null, recordingIds: [] };

export const useRecordingStore = create<RecordingStore>((set) => ({ ...initial, set: (patch) => set(patch), reset: () => set(initial) }));
