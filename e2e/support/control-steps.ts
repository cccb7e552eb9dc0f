import { expect } from '@playwright/test';
import type { AppWindow } from './app-window';

/**
 * The consultant reads the safety code aloud and the user finds the same one on their screen,
 * then says so. Both codes come from each app's own negotiated DTLS certificates, so equal codes
 * here prove the two peer connections are one (nobody in the middle). Nothing to do when the
 * user already confirmed this very code (a recovery that kept the certificates).
 */
export async function confirmSafetyCode(consultant: AppWindow, user: AppWindow): Promise<void> {
  const consultantCode = consultant.page.getByTestId('safety-code');
  const userCode = user.page.getByTestId('safety-code');
  await expect(consultantCode).toHaveAttribute('data-code', /^\d{6}$/, { timeout: 15_000 });
  await expect(userCode).toHaveAttribute('data-code', /^\d{6}$/, { timeout: 15_000 });
  expect(await userCode.getAttribute('data-code')).toBe(await consultantCode.getAttribute('data-code'));
  if ((await userCode.getAttribute('data-confirmed')) === 'true') return;
  await userCode.getByRole('button', { name: /it matches/i }).click();
  await expect(user.page.getByTestId('safety-code-confirmed')).toBeVisible();
}

/** The codes match, the consultant asks for control and the user allows it in the host's prompt. */
export async function grantControl(consultant: AppWindow, user: AppWindow): Promise<void> {
  await confirmSafetyCode(consultant, user);
  await consultant.button(/request control/i).click();
  await expect(user.page.getByTestId('control-requested')).toBeVisible();
  await user.host.consent.answer(true);
  await expect(consultant.page.getByTestId('control-state')).toHaveText(/you are in control/i);
}

/** After a recovery the consultant's request comes back by itself and control returns only with the user's second yes. */
export async function expectControlAskedAgain(consultant: AppWindow, user: AppWindow): Promise<void> {
  await confirmSafetyCode(consultant, user);
  await expect(user.page.getByTestId('control-requested')).toBeVisible();
  await user.host.consent.answer(true);
  await expect(consultant.page.getByTestId('control-state')).toHaveText(/you are in control/i);
  expect(user.host.consent.asked).toHaveLength(2);
}
