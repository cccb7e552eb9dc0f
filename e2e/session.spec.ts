import { SCREEN } from './support/global-setup';
import { expect, test } from './support/fixtures';

test('a consultant sees the user’s real screen after consent, and Stop ends it for both', async ({ openApp }, testInfo) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');

  const code = await consultant.startSession('Camille Martin');
  // Typed the way people read it back: grouped with spaces.
  await user.enterCode(`${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`);

  await expect(user.consentPrompt).toContainText('Camille Martin');
  await expect(user.consentPrompt).toContainText(/only continue if you asked for help yourself/i);
  await expect(consultant.page.getByTestId('consultant-status')).toContainText(/waiting for them to allow/i);

  await user.button(/allow screen sharing/i).click();
  await expect(user.sharingBanner).toContainText('Camille Martin can see your screen');

  const decoded = await consultant.waitForDecodedFrames(10);
  expect(decoded).toMatchObject({ width: SCREEN.width, height: SCREEN.height });
  await expect(consultant.page.getByTestId('route')).toContainText(/direct/i);
  // Kept as an artifact under test-results/: what the consultant saw.
  const screenshot = testInfo.outputPath('consultant-view.png');
  await consultant.page.screenshot({ path: screenshot });
  await testInfo.attach('consultant-view', { path: screenshot, contentType: 'image/png' });

  await user.button(/stop sharing/i).click();
  await user.waitForEnd('you-ended');
  await consultant.waitForEnd('peer-left');
  await expect(consultant.remoteVideo).toHaveCount(0);
});
