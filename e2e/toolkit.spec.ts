import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { liveSession } from './support/live-session';

test('diagnostics reach the consultant only after the user saw and shared them; repairs run only when approved', async ({ openApp }) => {
  const { consultant, user } = await liveSession(openApp);

  // The check-up: asked, run on the user's computer, reviewed by the user, then shared.
  await consultant.button(/run a check-up/i).click();
  await expect(user.page.getByTestId('diagnostics-prompt')).toContainText('Camille Martin would like to check your computer');
  await user.button(/run the check-up/i).click();
  const review = user.page.getByTestId('diagnostics-review');
  await expect(review).toContainText('These results will be shared with Camille Martin', { timeout: 40_000 });
  await expect(review.getByTestId('check').first()).toBeVisible();
  await expectAccessible(user.page, 'diagnostics review before sharing');
  // Nothing has reached the consultant yet.
  await expect(consultant.page.getByTestId('diagnostics-status')).toHaveAttribute('data-status', 'reviewing');
  await expect(consultant.page.getByTestId('check')).toHaveCount(0);

  const reviewed = await review.getByTestId('check').count();
  await user.button(/share these results/i).click();
  await expect(consultant.page.getByTestId('check')).toHaveCount(reviewed);
  await expect(consultant.page.locator('[data-check="system.os"]')).toHaveAttribute('data-status', 'ok');
  await expectAccessible(consultant.page, 'diagnostics results for the consultant');
  // Problems first within each group: a failure never hides below an OK.
  const statuses = await consultant.page.getByTestId('check-list').locator('section').first().getByTestId('check').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
  const rank = { fail: 0, warn: 1, unknown: 2, ok: 3 } as Record<string, number>;
  expect(statuses.map((status) => rank[status ?? 'ok'])).toEqual([...statuses.map((status) => rank[status ?? 'ok'])].sort());

  // Repairs: a declined proposal never runs anything.
  await consultant.button(/show available repairs/i).click();
  const flush = consultant.page.locator('[data-repair="dns.flush"]');
  await flush.getByRole('button', { name: /propose/i }).click();
  await expect(user.page.getByTestId('repair-prompt')).toContainText('Camille Martin proposes a repair');
  await expectAccessible(user.page, 'repair proposal');
  await user.host.repairPrompt.answer(false);
  await expect(flush).toHaveAttribute('data-state', 'declined');
  expect(user.host.repairPrompt.asked.map((request) => request.action.id)).toEqual(['dns.flush']);
  expect(user.host.commandsRun).toEqual([]);

  // An approved one runs, and its outcome reaches the consultant.
  const clearTemp = consultant.page.locator('[data-repair="system.clear-temp"]');
  await clearTemp.getByRole('button', { name: /propose/i }).click();
  await user.host.repairPrompt.answer(true);
  await expect(clearTemp.getByTestId('repair-outcome')).toHaveAttribute('data-status', 'succeeded');
  await expect(clearTemp.getByTestId('repair-outcome')).toContainText(/exit code 0/i);
  await expectAccessible(consultant.page, 'repairs with an outcome');
});
