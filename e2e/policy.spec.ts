import type { HostApi } from '../shared/host-api';
import { expect, test } from './support/fixtures';

test('a managed policy locks the server, names the organisation, and turns file transfer off (the host refuses it)', async ({ openApp, server }) => {
  const user = await openApp('user', {
    policy: { serverUrl: server.wsUrl, organizationName: 'Acme IT', allowedCapabilities: ['control', 'clipboard', 'repairs', 'voice'] },
  });
  await expect(user.page.locator('.brand-tagline')).toHaveText('Acme IT');

  await user.page.getByRole('button', { name: /^settings$/i }).click();
  const settings = user.page.getByTestId('settings');
  await expect(settings.getByTestId('managed-notice')).toContainText('Managed by your organisation');
  await expect(settings.getByTestId('server-url')).toHaveValue(server.wsUrl);
  await expect(settings.getByTestId('server-url')).toHaveAttribute('readonly', '');
  await expect(settings.getByTestId('server-locked')).toBeVisible();
  await expect(settings.getByTestId('capabilities-off')).toContainText('file transfer');

  // Even if the page tried, the host refuses: a locked setting and a file transfer.
  const refusals = await user.page.evaluate(async () => {
    const host = (window as unknown as { tandem: HostApi }).tandem;
    const outcome = async (call: () => Promise<unknown>) => call().then(() => 'accepted', (error: unknown) => String(error));
    return {
      server: await outcome(() => host.settings.update({ serverUrl: 'ws://127.0.0.1:1/ws' })),
      file: await outcome(() => host.files.receive({ name: 'driver.exe', size: 10, sha256: '0'.repeat(64) })),
    };
  });
  expect(refusals.server).toContain('locked-by-policy');
  expect(refusals.file).toContain('not-allowed');
});
