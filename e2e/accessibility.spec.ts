import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

// axe-core checks every step of a session, on both sides, in French and in English; the help
// request, queue, two-step and audit screens are checked in queue.spec.ts as they appear.
test('every step of a session passes axe-core’s WCAG 2.1 AA rules, on both sides', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user', { systemLocales: ['fr-FR'] });
  await expectAccessible(user.page, 'home (fr)');
  await user.page.getByLabel('Langue').selectOption('en');

  await consultant.button(/give help/i).click();
  await expectAccessible(consultant.page, 'consultant start (sign in or name)');
  await consultant.page.getByLabel(/your name/i).fill('Camille Martin');
  await consultant.button(/start session/i).click();
  const code = (await consultant.page.getByTestId('session-code').getAttribute('data-code')) ?? '';
  await expectAccessible(consultant.page, 'code to read aloud');

  await user.button(/get help/i).click();
  await expectAccessible(user.page, 'code form');
  await user.page.getByLabel(/session code/i).fill('12');
  await user.button(/^continue$/i).click();
  await expect(user.problem).toBeVisible();
  await expectAccessible(user.page, 'code form with a problem');
  await user.page.getByLabel(/session code/i).fill(code);
  await user.button(/^continue$/i).click();
  await expect(user.consentPrompt).toBeVisible();
  await expectAccessible(user.page, 'consent prompt with chat');
  await expectAccessible(consultant.page, 'consultant waiting for consent');

  await user.button(/allow screen sharing/i).click();
  await expect(user.sharingBanner).toBeVisible();
  await consultant.waitForDecodedFrames(3);
  await expectAccessible(user.page, 'sharing banner');
  await expectAccessible(consultant.page, 'remote view with its tools');

  await user.button(/stop sharing/i).click();
  await user.waitForEnd('you-ended');
  await consultant.waitForEnd('peer-left');
  await expectAccessible(user.page, 'ended (user, with the report)');
  await expectAccessible(consultant.page, 'ended (consultant, with the report)');
});
