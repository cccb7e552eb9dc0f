import { expect, test } from './support/fixtures';

test('a wrong code says so plainly and lets the user try again', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  const wrong = `${code.slice(0, 8)}${(Number(code[8]) + 1) % 10}`;

  await user.enterCode(wrong);
  await expect(user.problem).toHaveAttribute('data-problem', 'wrong-code');
  await expect(user.problem).toContainText(/not right/i);

  // The right code still works afterwards.
  await user.page.getByLabel(/session code/i).fill(code);
  await user.button(/^continue$/i).click();
  await expect(user.consentPrompt).toContainText('Camille Martin');
});

test('a code that is not 9 digits is caught before anything is sent', async ({ openApp }) => {
  const user = await openApp('user');
  await user.enterCode('12345');
  await expect(user.problem).toHaveAttribute('data-problem', 'code-format');
});

test('an expired code tells both sides', async ({ startServer, openApp }) => {
  const server = await startServer({ codeTtlMs: 1500, sweepIntervalMs: 200 });
  const consultant = await openApp('consultant', { server });
  const user = await openApp('user', { server });
  const code = await consultant.startSession('Camille Martin');

  await consultant.waitForEnd('expired');
  await expect(consultant.ended).toContainText(/expired/i);

  await user.enterCode(code);
  await expect(user.problem).toHaveAttribute('data-problem', 'expired-code');
  await expect(user.problem).toContainText(/expired/i);
});

test('declining sharing sends nothing and tells the consultant', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/^decline$/i).click();

  await user.waitForEnd('you-declined');
  await consultant.waitForEnd('declined');
  await expect(consultant.ended).toContainText(/declined/i);
  await expect(consultant.remoteVideo).toHaveCount(0);
});

test('a used code cannot be used again', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await expect(user.consentPrompt).toBeVisible();
  await user.button(/^decline$/i).click();
  await user.waitForEnd('you-declined');

  await user.button(/enter another code/i).click();
  await user.page.getByLabel(/session code/i).fill(code);
  await user.button(/^continue$/i).click();
  await expect(user.problem).toHaveAttribute('data-problem', 'used-code');
});
