/**
 * The host half of reboot and reconnect, driven through the page's own window.tandem (the
 * renderer's prompt and resume are tested with the renderer). The harness never restarts
 * anything: its rebooter records the request.
 */
import { stat } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { HostApi } from '../shared/host-api';
import type { ReconnectTicket, TakenTicket } from '../shared/reconnect';
import type { RepairRunResult } from '../shared/toolkit';
import { expect, test } from './support/fixtures';

const ticket: ReconnectTicket = {
  serverUrl: 'ws://127.0.0.1:9/ws',
  sessionId: '0b6f3c9e-6a0e-4a59-9d0f-3f1c2a7b8e11',
  token: 'A'.repeat(43),
  consultantName: 'Camille Martin',
  organisation: null,
  expiresAt: Date.now() + 10 * 60_000,
  chat: [{ from: 'peer', text: 'Je redémarre votre ordinateur, à tout de suite.', at: Date.now() }],
};

const tandem = (page: Page) => ({
  save: (value: ReconnectTicket) => page.evaluate((t) => (window as unknown as { tandem: HostApi }).tandem.reconnect.saveTicket({ ticket: t }), value),
  take: () => page.evaluate((): Promise<TakenTicket> => (window as unknown as { tandem: HostApi }).tandem.reconnect.takeTicket()),
  restart: () =>
    page.evaluate((): Promise<RepairRunResult> => (window as unknown as { tandem: HostApi }).tandem.repairs.run({ id: 'system.restart-computer', consultantName: 'Camille Martin' })),
});

test('the restart repair needs a fresh ticket, restarts only once approved, and the relaunched app gets the ticket once', async ({ openApp }) => {
  const before = await openApp('user');
  const host = before.host;

  // No ticket: refused before the user is even asked.
  await expect(tandem(before.page).restart()).rejects.toThrow(/Keep the session for after the restart first/);
  expect(host.repairPrompt.asked).toEqual([]);

  await tandem(before.page).save(ticket);
  expect(await host.startsAtNextLogin()).toBe(true);
  expect((await stat(host.ticketFile)).mode & 0o777).toBe(0o600);

  // Declined: nothing restarts.
  const declined = tandem(before.page).restart();
  await host.repairPrompt.answer(false);
  expect(await declined).toEqual({ approved: false });
  expect(host.reboot.requests).toEqual([]);

  // Approved: the OS's own command, after a short goodbye.
  const approved = tandem(before.page).restart();
  await host.repairPrompt.answer(true);
  expect(await approved).toMatchObject({ approved: true, outcome: { id: 'system.restart-computer', status: 'succeeded' } });
  const request = await host.reboot.waitForRestartRequest();
  expect(request.command).toEqual({ file: '/usr/bin/systemctl', args: ['reboot'] });
  expect(request.delayMs).toBe(3000);

  // "After the restart": the same profile opened again finds the ticket, once.
  // The app takes it itself at start-up and offers it (nothing connects before Continue).
  await before.browser.dispose();
  const after = await openApp('user', { profile: 'user' });
  await expect(after.page.getByTestId('resume-prompt')).toContainText('Continue the session with Camille Martin?');
  expect(await after.host.startsAtNextLogin()).toBe(false);
  await expect(stat(after.host.ticketFile)).rejects.toThrow();
  expect(await tandem(after.page).take()).toEqual({ status: 'none' });
});
