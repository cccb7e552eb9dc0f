import { describe, expect, it, vi } from 'vitest';
import type { RepairAction } from '../../../shared/diagnostics';
import { silentLogger } from '../../../shared/log';
import { fakeRunner } from '../diagnostics/test-fixtures';
import type { ComputerRestart } from '../repairs';
import { createMemorySettingsBackend, createSettingsService } from '../settings';
import { createToolkitService, RESTART_REPAIR, type PendingTicket } from './toolkit-service';

function setup(options: { savedAt?: number | null; approve?: boolean; onConfirm?: () => void } = {}) {
  let now = 100_000;
  let savedAt = options.savedAt === undefined ? now - 5_000 : options.savedAt;
  const restart = { check: vi.fn(() => Promise.resolve({ status: 'ok' as const, exitCode: 0, stdout: '', stderr: '', durationMs: 0, reason: '' })), schedule: vi.fn() } satisfies ComputerRestart;
  const confirm = vi.fn((_request: { action: RepairAction; consultantName: string }) => {
    options.onConfirm?.();
    return Promise.resolve(options.approve ?? true);
  });
  const reconnect: PendingTicket = { pendingSince: () => savedAt };
  const toolkit = createToolkitService({
    settings: createSettingsService(createMemorySettingsBackend(), silentLogger),
    prompter: { confirm },
    log: silentLogger,
    platform: 'win32',
    repairs: { runner: fakeRunner(), restart, now: () => now },
    reconnect,
  });
  return {
    toolkit,
    restart,
    confirm,
    advance: (ms: number) => (now += ms),
    setSavedAt: (value: number | null) => (savedAt = value),
  };
}

describe('the restart repair', () => {
  it('with a ticket saved moments ago, asks the user and then schedules the restart', async () => {
    const { toolkit, restart, confirm } = setup();
    const result = await toolkit.runRepair(RESTART_REPAIR, 'Camille');
    const asked = confirm.mock.calls[0]?.[0];
    expect([asked?.consultantName, asked?.action.id, asked?.action.title.en]).toEqual(['Camille', RESTART_REPAIR, 'Restart the computer']);
    expect(result).toMatchObject({ approved: true, outcome: { id: RESTART_REPAIR, status: 'succeeded' } });
    expect(restart.schedule).toHaveBeenCalledWith({ file: 'shutdown.exe', args: ['/r', '/t', '5'] }, 3000);
  });

  it('is refused, without even asking, when no ticket was saved', async () => {
    const { toolkit, restart, confirm } = setup({ savedAt: null });
    await expect(toolkit.runRepair(RESTART_REPAIR, 'Camille')).rejects.toThrow(/Keep the session for after the restart first/);
    expect(confirm).not.toHaveBeenCalled();
    expect(restart.schedule).not.toHaveBeenCalled();
  });

  it('is refused when the ticket was saved more than 60 s ago', async () => {
    const { toolkit, confirm, advance } = setup();
    advance(55_001);
    await expect(toolkit.runRepair(RESTART_REPAIR, 'Camille')).rejects.toMatchObject({ code: 'failed' });
    expect(confirm).not.toHaveBeenCalled();
  });

  it('does not restart when the ticket was discarded while the user decided', async () => {
    let setSaved: (value: number | null) => void = () => {};
    const harness = setup({ onConfirm: () => setSaved(null) });
    setSaved = harness.setSavedAt;
    const result = await harness.toolkit.runRepair(RESTART_REPAIR, 'Camille');
    expect(result.approved && result.outcome.status).toBe('failed');
    expect(result.approved && result.outcome.stderr).toMatch(/Nothing was restarted/);
    expect(harness.restart.schedule).not.toHaveBeenCalled();
  });

  it('does nothing when the user declines', async () => {
    const { toolkit, restart } = setup({ approve: false });
    expect(await toolkit.runRepair(RESTART_REPAIR, 'Camille')).toEqual({ approved: false });
    expect(restart.schedule).not.toHaveBeenCalled();
  });

  it('is refused by a host built without the reconnect service', async () => {
    const toolkit = createToolkitService({ settings: createSettingsService(createMemorySettingsBackend(), silentLogger), prompter: { confirm: () => Promise.resolve(true) }, log: silentLogger, platform: 'linux' });
    await expect(toolkit.runRepair(RESTART_REPAIR, 'Camille')).rejects.toThrow(/Keep the session/);
  });
});
