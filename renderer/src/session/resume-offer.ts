import { create } from 'zustand';
import type { HostApi } from '../../../shared/host-api';
import type { ReconnectTicket } from '../../../shared/reconnect';

/** What the app found at start-up after a restart of the computer. */
export type ResumeOffer = { status: 'ready'; ticket: ReconnectTicket } | { status: 'expired' | 'unreadable' };

interface ResumeOfferStore {
  offer: ResumeOffer | null;
  set: (offer: ResumeOffer | null) => void;
}

export const useResumeOfferStore = create<ResumeOfferStore>((set) => ({
  offer: null,
  set: (offer) => set({ offer }),
}));

/**
 * At start-up: takes the reconnect ticket the host kept across a restart (it gives it back once).
 * Nothing connects here: the person is asked first, unless the organisation's policy says to
 * continue by itself; an expired or unreadable ticket only ever becomes a message.
 */
export async function takeResumeOffer(host: HostApi, resume: (ticket: ReconnectTicket) => void): Promise<void> {
  const [taken, policy] = await Promise.all([host.reconnect.takeTicket(), host.policy.get().then(({ policy: current }) => current)]);
  if (taken.status === 'ready') {
    if (policy.reconnect.autoResumeAfterRestart) resume(taken.ticket);
    else useResumeOfferStore.getState().set(taken);
    return;
  }
  if (taken.status !== 'none') useResumeOfferStore.getState().set({ status: taken.status });
}
