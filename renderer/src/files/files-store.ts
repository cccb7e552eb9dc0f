import { create } from 'zustand';

export type TransferStatus =
  /** Outgoing: offered, waiting for the other side to agree. */
  | 'offered'
  /** Incoming: waiting for this side's answer. */
  | 'incoming'
  | 'transferring'
  /** Incoming: all bytes arrived, being hashed and saved. */
  | 'verifying'
  | 'done'
  | 'declined'
  | 'cancelled'
  /** The bytes did not match the announced SHA-256 (or size): nothing was kept. */
  | 'rejected'
  | 'failed';

export interface TransferView {
  id: string;
  direction: 'in' | 'out';
  name: string;
  size: number;
  /** Bytes written by the receiver (as acknowledged, on the sender's side). */
  transferred: number;
  status: TransferStatus;
  /** Incoming and kept: the name it was saved under. */
  savedAs?: string;
}

/** Consultant: where their request for a file stands. User: whether one is waiting for an answer. */
export type RequestState = 'none' | 'asked' | 'declined';
export type ClipboardNotice = 'sent' | 'accepted' | 'declined' | 'empty' | 'too-long' | 'unavailable' | 'written';
export type PickNotice = 'too-large' | 'unreadable' | 'busy';

interface FilesStore {
  transfers: TransferView[];
  request: RequestState;
  /** The sender's file is being read and hashed before the offer goes out. */
  preparing: boolean;
  pickNotice: PickNotice | null;
  /** Text the other side sent, awaiting this side's yes or no. */
  clipboardOffer: string | null;
  clipboardNotice: ClipboardNotice | null;
  set: (patch: Partial<Omit<FilesStore, 'set' | 'upsert' | 'reset'>>) => void;
  upsert: (id: string, patch: Partial<TransferView>) => void;
  reset: () => void;
}

/**
 * Finished transfers the list keeps; older ones go first. Without a bound, a peer looping offer
 * and cancel would grow the list (and the copy on every update) for as long as the session lasts.
 * Transfers still under way are never dropped (MAX_ACTIVE_TRANSFERS each way bounds them).
 */
export const MAX_FINISHED_TRANSFERS = 100;
const FINISHED: ReadonlySet<TransferStatus> = new Set(['done', 'declined', 'cancelled', 'rejected', 'failed']);

function bounded(transfers: TransferView[]): TransferView[] {
  let excess = transfers.filter((transfer) => FINISHED.has(transfer.status)).length - MAX_FINISHED_TRANSFERS;
  if (excess <= 0) return transfers;
  return transfers.filter((transfer) => !(FINISHED.has(transfer.status) && excess-- > 0));
}

const initial = { transfers: [], request: 'none' as const, preparing: false, pickNotice: null, clipboardOffer: null, clipboardNotice: null };

/** Files and clipboard text for the current session; cleared with it. */
export const useFilesStore = create<FilesStore>((set) => ({
  ...initial,
  set: (patch) => set(patch),
  upsert: (id, patch) =>
    set((store) => {
      const index = store.transfers.findIndex((transfer) => transfer.id === id);
      if (index < 0) return { transfers: bounded([...store.transfers, patch as TransferView]) };
      const transfers = [...store.transfers];
      transfers[index] = { ...(transfers[index] as TransferView), ...patch };
      return { transfers: bounded(transfers) };
    }),
  reset: () => set(initial),
}));

export type FilesStoreApi = Pick<FilesStore, 'set' | 'upsert' | 'reset'> & { get: () => FilesStore };

export const filesStoreApi: FilesStoreApi = {
  get: () => useFilesStore.getState(),
  set: (patch) => useFilesStore.getState().set(patch),
  upsert: (id, patch) => useFilesStore.getState().upsert(id, patch),
  reset: () => useFilesStore.getState().reset(),
};
