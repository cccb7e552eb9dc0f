// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ConsultantView } from '../../../shared/accounts';
import { useAccountStore } from '../accounts/account-store';
import './queue';
import { emptyQueue } from './queue-state';
import { useQueueStore } from './queue-store';

const admin: ConsultantView = { id: 1, name: 'Ada', email: 'ada@acme.test', role: 'admin', organisation: { slug: 'acme', name: 'Acme IT' }, totpEnabled: true };

describe('the window’s queue console', () => {
  it('forgets the queue and its alerts whenever the sign-in ends, however it ended', () => {
    useAccountStore.getState().setState({ status: 'signed-in', consultant: admin, expiresAt: 1, online: true });
    useQueueStore.getState().setState({ ...emptyQueue, loaded: true, alerts: [{ at: 1, consultantName: 'Bob', sessionId: '6f1c1f0e-8a8b-4c55-9a55-2a7c1d7e0b11' }] });
    // Going offline for a moment keeps it.
    useAccountStore.getState().setState({ status: 'signed-in', consultant: admin, expiresAt: 1, online: false });
    expect(useQueueStore.getState().state.alerts).toHaveLength(1);
    // Expired or revoked elsewhere: signed out locally, not through the console's sign-out button.
    useAccountStore.getState().setState({ status: 'signed-out', problem: { kind: 'expired' }, needsTotp: false });
    expect(useQueueStore.getState().state).toEqual(emptyQueue);
  });
});
