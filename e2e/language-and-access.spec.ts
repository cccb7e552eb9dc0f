import { createServer } from 'node:net';
import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';

test('the app speaks the OS language (French) and can switch to English', async ({ openApp }) => {
  const user = await openApp('user', { systemLocales: ['fr-FR', 'en-US'] });
  await expect(user.page.getByRole('heading', { level: 1 })).toHaveText('Que souhaitez-vous faire ?');
  await expect(user.page.locator('html')).toHaveAttribute('lang', 'fr');
  await user.page.getByLabel('Langue').selectOption('en');
  await expect(user.page.getByRole('heading', { level: 1 })).toHaveText('What would you like to do?');
  await expect(user.page.locator('html')).toHaveAttribute('lang', 'en');
  // The choice is saved in the host's settings and survives a reload.
  await user.page.reload();
  await expect(user.page.getByRole('heading', { level: 1 })).toHaveText('What would you like to do?');
});

test('a whole session works with the keyboard alone, in French', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user', { systemLocales: ['fr-FR'] });
  const code = await consultant.startSession('Camille Martin');
  const keyboard = user.page.keyboard;

  /** Presses Tab, as a keyboard user would, until the control has focus (a bounded number of times). */
  const tabTo = async (target: Locator) => {
    for (let presses = 0; presses < 8; presses += 1) {
      if (await target.evaluate((element) => element === document.activeElement)) return;
      await keyboard.press('Tab');
    }
    await expect(target).toBeFocused();
  };

  // Each step's heading takes focus when it appears, so a screen reader announces it.
  await expect(user.page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo(user.page.getByRole('button', { name: /obtenir de l’aide/i }));
  await keyboard.press('Enter');
  await expect(user.page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo(user.page.getByLabel(/code de session/i));
  await keyboard.type(code);
  await keyboard.press('Enter');
  await expect(user.consentPrompt).toContainText('Camille Martin souhaite voir votre écran');
  await tabTo(user.page.getByRole('button', { name: /autoriser le partage/i }));
  await keyboard.press('Enter');
  await expect(user.sharingBanner).toContainText('Camille Martin voit votre écran');
  await consultant.waitForDecodedFrames(3);
  await tabTo(user.page.getByRole('button', { name: /arrêter le partage/i }));
  await keyboard.press('Enter');
  await user.waitForEnd('you-ended');
  await consultant.waitForEnd('peer-left');
});

test('an unreachable server is explained in plain words', async ({ openApp }) => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const user = await openApp('user', { serverUrl: `ws://127.0.0.1:${port}/ws` });
  await user.enterCode('123456789');
  await expect(user.problem).toHaveAttribute('data-problem', 'server-unreachable');
  await expect(user.problem).toContainText(/cannot reach the help server/i);
});

test('repeated wrong codes are slowed down with a clear wait time', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  const wrong = (index: number) => `${(Number(code.slice(0, 4)) + 1 + index) % 10_000}`.padStart(4, '0') + code.slice(4);
  await user.enterCode(wrong(0));
  const field = user.page.getByLabel(/session code/i);
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await expect(user.problem).toBeVisible();
    await field.fill(wrong(attempt));
    await user.button(/^continue$/i).click();
  }
  await expect(user.problem).toHaveAttribute('data-problem', 'too-many-attempts');
  await expect(user.problem).toContainText(/wait \d+ seconds/i);
});
