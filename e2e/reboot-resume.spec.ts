import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { liveSession } from './support/live-session';
import { chat, expectFramesAdvance, expectNotice } from './support/reconnect-steps';

test('a restart for a repair: the session is offered back after it, and nothing is shared before Continue and Allow', async ({ openApp }) => {
  const { consultant, user } = await liveSession(openApp);
  await chat(user, consultant, 'Before the restart');

  await consultant.button(/show available repairs/i).click();
  const restart = consultant.page.locator('[data-repair="system.restart-computer"]');
  await restart.getByRole('button', { name: /propose/i }).click();
  await user.host.repairPrompt.answer(true);
  await user.host.reboot.waitForRestartRequest();
  // The user's app says goodbye calmly; the consultant keeps the session screen and a timer.
  await user.waitForEnd('restarting');
  await expectNotice(consultant, 'peer-restarting');
  await expect(consultant.page.getByTestId('restart-elapsed')).toBeVisible();
  await expectAccessible(consultant.page, 'waiting for the computer to restart');
  expect(await user.host.startsAtNextLogin()).toBe(true);

  // The computer restarts: the app goes away and comes back on the same machine.
  await user.browser.dispose();
  await expect(consultant.remoteVideo).toBeVisible();
  const back = await openApp('user', { profile: 'user' });
  await expect(back.page.getByTestId('resume-prompt')).toContainText('Continue the session with Camille Martin?');
  await expectAccessible(back.page, 'continue after a restart');
  await back.button(/^continue$/i).click();
  await expect(back.consentPrompt).toBeVisible();
  await expectNotice(consultant, 'none');
  await back.button(/allow screen sharing/i).click();
  await expectFramesAdvance(consultant);
  await expect(back.page.getByTestId('chat-entry').filter({ hasText: 'Before the restart' })).toHaveCount(1);
  await chat(back, consultant, 'I am back');
  await chat(consultant, back, 'Welcome back');
});
