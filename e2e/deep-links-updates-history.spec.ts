import { formatSessionCode } from '../shared/session-code';
import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

test('a tandem://join link fills the code in on "Get help", and nothing joins until Continue and consent', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');

  // What main sends once a link is opened (electron/main/main.ts).
  user.host.emitEvent({ type: 'deeplink.join', code });
  const field = user.page.getByLabel(/session code/i);
  await expect(field).toHaveValue(formatSessionCode(code));
  // Filled in, not joined: the consultant is still waiting for someone to enter the code.
  await user.page.waitForTimeout(500);
  await expect(consultant.page.getByTestId('consultant-status')).toContainText(/waiting for the person to enter the code/i);
  await expect(user.consentPrompt).toHaveCount(0);

  await user.button(/^continue$/i).click();
  await expect(user.consentPrompt).toContainText('Camille Martin');
  expect(user.host.control.status()).toMatchObject({ state: 'view-only' });
});

test('an update offers "Restart now" or "Later", and waits while a session is in progress', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');

  // Not in a session: Later puts the banner away and tells the host.
  user.host.emitEvent({ type: 'update.ready', version: '2.0.0' });
  const banner = user.page.getByTestId('update-banner');
  await expect(banner).toContainText(/an update is ready/i);
  await banner.getByRole('button', { name: /later/i }).click();
  await expect(banner).toHaveCount(0);
  expect(user.host.updates.laterCalls).toBe(1);

  // In a session: the renderer has told the host it is busy, so Restart now is refused.
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  await expect(user.sharingBanner).toBeVisible();
  await expect.poll(() => user.host.activity.isBusy()).toBe(true);
  user.host.emitEvent({ type: 'update.ready', version: '2.0.0' });
  await banner.getByRole('button', { name: /restart now/i }).click();
  await expect(banner).toContainText(/after your session/i);
  expect(user.host.updates.restartCalls).toBe(1);

  await user.button(/stop sharing/i).click();
  await user.waitForEnd('you-ended');
  await expect.poll(() => user.host.activity.isBusy()).toBe(false);
});

test('an ended session is listed under "Past sessions" and opens as its report', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  await expect(user.sharingBanner).toBeVisible();
  await user.button(/stop sharing/i).click();
  await user.waitForEnd('you-ended');
  await consultant.waitForEnd('peer-left');

  await user.button(/back to start/i).click();
  await user.button(/past sessions/i).click();
  const list = user.page.getByTestId('past-sessions');
  const entry = list.getByRole('button', { name: /Camille Martin/ });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Not set');
  await expectAccessible(user.page, 'past sessions');
  await entry.click();
  await expect(user.page.getByTestId('session-report')).toContainText('With Camille Martin');
  await expectAccessible(user.page, 'a past session’s report');

  // The consultant's side keeps its own copy.
  await consultant.button(/back to start/i).click();
  await consultant.button(/past sessions/i).click();
  await expect(consultant.page.getByTestId('past-sessions').getByRole('button', { name: /·/ })).toHaveCount(1);
});
