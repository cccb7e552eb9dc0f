import { describe, expect, it, vi } from 'vitest';
import type { RepairAction } from '../../../shared/diagnostics';
import type { ToolkitToConsultant } from '../../../shared/toolkit';
import { createFakeHost } from '../test/fake-host';
import { toolkitStoreApi } from './toolkit-store';
import { RESTART_REPAIR_ID, UserToolkit } from './user-toolkit';

// The restart repair joins the catalogue with the host's change; typed loosely until then.
const restartAction = { id: RESTART_REPAIR_ID, title: { en: 'Restart', fr: 'Redémarrer' }, explanation: { en: '', fr: '' }, needsAdmin: false, commandPreview: 'systemctl reboot' } as unknown as RepairAction;
const outcome = (status: 'succeeded' | 'failed') => ({ id: restartAction.id, status, exitCode: 0, stdout: '', stderr: '', durationMs: 1 });

function setup(prepared: boolean, approved: boolean) {
  const { host } = createFakeHost();
  host.repairs.list.mockResolvedValue([restartAction]);
  host.repairs.run.mockResolvedValue(approved ? { approved: true, outcome: outcome('succeeded') } : { approved: false });
  const restart = { prepare: vi.fn(() => Promise.resolve(prepared)), approved: vi.fn(), cancelled: vi.fn() };
  const sent: ToolkitToConsultant[] = [];
  toolkitStoreApi.reset();
  const toolkit = new UserToolkit({ host, consultantName: 'Camille', send: (message) => sent.push(message), store: toolkitStoreApi, restart });
  return { host, restart, sent, toolkit };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the restart repair', () => {
  it('saves the ticket before the host asks, and says goodbye once approved', async () => {
    const s = setup(true, true);
    s.toolkit.handle({ t: 'repair.propose', id: RESTART_REPAIR_ID });
    await settle();
    expect(s.restart.prepare).toHaveBeenCalled();
    expect(s.restart.prepare.mock.invocationCallOrder[0]).toBeLessThan(s.host.repairs.run.mock.invocationCallOrder[0] ?? 0);
    expect(s.restart.approved).toHaveBeenCalled();
    expect(s.restart.cancelled).not.toHaveBeenCalled();
  });

  it('declined: the ticket is forgotten and the session goes on', async () => {
    const s = setup(true, false);
    s.toolkit.handle({ t: 'repair.propose', id: RESTART_REPAIR_ID });
    await settle();
    expect(s.restart.cancelled).toHaveBeenCalled();
    expect(s.restart.approved).not.toHaveBeenCalled();
  });

  it('without a saved ticket the host is not even asked', async () => {
    const s = setup(false, true);
    s.toolkit.handle({ t: 'repair.propose', id: RESTART_REPAIR_ID });
    await settle();
    expect(s.host.repairs.run).not.toHaveBeenCalled();
    expect(s.sent).toContainEqual({ t: 'repair.status', id: RESTART_REPAIR_ID, status: 'declined' });
  });
});
