import { create } from 'zustand';

/** What this app derived from the connection it negotiated (see shared/safety-code.ts). */
export interface SafetyCodeReading {
  code: string;
  /** The two certificates it came from, in a stable form. */
  key: string;
}

export interface SafetyCodeState {
  /** Six digits, or null before the link is up. */
  code: string | null;
  key: string | null;
  /** User: "It matches" was pressed for this code. */
  confirmed: boolean;
  /** User: the helper asked for control while the code still had to be checked. */
  controlWaiting: boolean;
}

export const noSafetyCode: SafetyCodeState = { code: null, key: null, confirmed: false, controlWaiting: false };

/**
 * A new reading after a (re)negotiation: the same certificates keep the confirmation (an ICE
 * restart keeps DTLS); other certificates are another connection, perhaps someone else's, so
 * the new code has to be checked again.
 */
export function withReading(state: SafetyCodeState, reading: SafetyCodeReading): SafetyCodeState {
  if (reading.key === state.key) return state;
  return { code: reading.code, key: reading.key, confirmed: false, controlWaiting: state.controlWaiting };
}

interface SafetyCodeStore {
  state: SafetyCodeState;
  read: (reading: SafetyCodeReading | null) => void;
  confirm: () => void;
  setControlWaiting: (waiting: boolean) => void;
}

/** The live session's safety code. Not persisted. */
export const useSafetyCodeStore = create<SafetyCodeStore>((set) => ({
  state: noSafetyCode,
  read: (reading) => set(({ state }) => ({ state: reading ? withReading(state, reading) : noSafetyCode })),
  // Confirming is only ever for the code on screen; there is nothing to confirm before one.
  confirm: () => set(({ state }) => ({ state: state.code ? { ...state, confirmed: true, controlWaiting: false } : state })),
  setControlWaiting: (controlWaiting) => set(({ state }) => ({ state: { ...state, controlWaiting } })),
}));
