import type { HostApi } from '../shared/host-api';
import { expect, test } from './support/fixtures';

test('a clear-text ws:// address to another computer is refused with a plain explanation; loopback and wss:// are kept', async ({ openApp, server }) => {
  const user = await openApp('user');
  await user.page.getByRole('button', { name: /^settings$/i }).click();
  const settings = user.page.getByTestId('settings');
  const field = settings.getByTestId('server-url');
  await field.fill('ws://help.example.com/ws');
  await settings.getByRole('button', { name: /^save$/i }).click();
  await expect(settings.getByRole('status')).toContainText('This address is not encrypted');
  await expect(settings.getByRole('status')).toContainText('wss://');

  await field.fill(server.wsUrl);
  await settings.getByRole('button', { name: /^save$/i }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved.');

  // The host checks it too: a page that skipped the form's check is refused all the same.
  const outcome = await user.page.evaluate(async () => {
    const host = (window as unknown as { tandem: HostApi }).tandem;
    const attempt = async (serverUrl: string) => host.settings.update({ serverUrl }).then(() => 'accepted', (error: unknown) => String(error));
    return { clear: await attempt('ws://192.168.1.10:8787/ws'), secure: await attempt('wss://help.example.com/ws') };
  });
  expect(outcome.clear).not.toBe('accepted');
  expect(outcome.secure).toBe('accepted');
});
