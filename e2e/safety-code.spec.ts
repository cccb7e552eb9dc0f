import { writeFile } from 'node:fs/promises';
import { openRecords } from '../server/db/database';
import { expect, test } from './support/fixtures';
import type { AppWindow } from './support/app-window';
import { startMitmAttack, type MitmAttack } from './support/mitm-page';
import { chat } from './support/reconnect-steps';

/** Both apps show their code (six digits); returns them. */
async function shownCodes(consultant: AppWindow, user: AppWindow): Promise<{ consultant: string; user: string }> {
  const codes = { consultant: consultant.page.getByTestId('safety-code'), user: user.page.getByTestId('safety-code') };
  await expect(codes.consultant).toHaveAttribute('data-code', /^\d{6}$/);
  await expect(codes.user).toHaveAttribute('data-code', /^\d{6}$/);
  return { consultant: (await codes.consultant.getAttribute('data-code')) ?? '', user: (await codes.user.getAttribute('data-code')) ?? '' };
}

async function pairAndShare(consultant: AppWindow, user: AppWindow): Promise<void> {
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  await expect(user.sharingBanner).toBeVisible();
  await consultant.waitForDecodedFrames(3);
}

test('an honest session: both apps show the same safety code', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  await pairAndShare(consultant, user);
  const codes = await shownCodes(consultant, user);
  expect(codes.user).toBe(codes.consultant);
});

/** The server's audit trail, read straight from its SQLite file (this session has no organisation, so no admin could list it). */
async function auditTrail(dbPath: string): Promise<{ type: string; sessionId: string | null; detail: unknown }[]> {
  const records = await openRecords(dbPath);
  try {
    const rows = await records.db.selectFrom('audit_log').select(['type', 'session_id', 'detail']).orderBy('id').execute();
    return rows.map((row) => ({ type: row.type, sessionId: row.session_id, detail: JSON.parse(row.detail) as unknown }));
  } finally {
    await records.close();
  }
}

let attack: MitmAttack | null = null;
test.afterEach(async ({}, testInfo) => {
  if (attack && testInfo.status !== testInfo.expectedStatus) {
    const path = testInfo.outputPath('attacker.log');
    await writeFile(path, attack.logs.join('\n'));
    await testInfo.attach('attacker.log', { path });
  }
  await attack?.dispose();
  attack = null;
});

test('someone in the middle relays the whole session: the codes differ, and “It does not match” ends it on both sides', async ({ openApp, startServer }, testInfo) => {
  const dbPath = testInfo.outputPath('tandem.sqlite');
  const server = await startServer({ dbPath });
  const mitm = await startMitmAttack(server);
  attack = mitm;
  const consultant = await openApp('consultant', { server: mitm.relay });
  const user = await openApp('user', { server: mitm.relay });
  await pairAndShare(consultant, user);

  // The attack works: the consultant sees the user's screen, and chat passes, through the attacker only.
  const report = await mitm.report();
  expect(report.connected).toEqual({ user: true, consultant: true });
  expect(report.forwardedVideoTracks).toBe(1);
  expect(mitm.relay.diverted.user).toBeGreaterThan(0);
  expect(mitm.relay.diverted.consultant).toBeGreaterThan(0);
  await chat(consultant, user, 'Bonjour, je suis là.');
  await chat(user, consultant, 'Merci !');

  // Each app derived its code from its own connection, whose far end is the attacker's certificate.
  const codes = await shownCodes(consultant, user);
  expect(codes.user).not.toBe(codes.consultant);

  // The consultant reads theirs aloud; the user hears another one.
  const userCode = user.page.getByTestId('safety-code');
  await userCode.getByRole('button', { name: /it does not match/i }).click();
  await user.waitForEnd('safety-code-mismatch');
  // Said only once the server confirmed it.
  await expect(user.page.getByTestId('report-sent')).toHaveAttribute('data-delivery', 'sent');
  await expect(user.page.getByTestId('report-sent')).toHaveText(/^Your report reached the Tandem server/);
  // The attacker keeps its link with the consultant open: only the server's word ends that side.
  await consultant.waitForEnd('peer-safety-code-mismatch');
  await expect(consultant.remoteVideo).toHaveCount(0);
  // …and its app dropped the attacker's connection with the session.
  await expect.poll(async () => (await mitm.report()).connected.consultant).toBe(false);

  // The server recorded the user's report, with its reason, and why the session ended.
  const trail = await auditTrail(dbPath);
  const reported = trail.find((entry) => entry.type === 'contact.reported');
  expect(reported?.detail).toMatchObject({ reason: 'safety-code-mismatch', verified: false });
  expect(trail.find((entry) => entry.type === 'session.ended')).toMatchObject({ sessionId: reported?.sessionId, detail: { reason: 'safety-code-mismatch' } });
});

test('someone in the middle who also swallows the report: the user is told it was not confirmed, and the server has none', async ({ openApp, startServer }, testInfo) => {
  const dbPath = testInfo.outputPath('tandem.sqlite');
  const server = await startServer({ dbPath });
  const mitm = await startMitmAttack(server);
  attack = mitm;
  mitm.relay.swallowed.add('session.report-suspicious');
  const consultant = await openApp('consultant', { server: mitm.relay });
  const user = await openApp('user', { server: mitm.relay });
  const code = await consultant.startSession('Camille Martin');
  // Before anything is shared: the user checks the code while deciding (both show it with the link up).
  await user.enterCode(code);
  const codes = await shownCodes(consultant, user);
  expect(codes.user).not.toBe(codes.consultant);

  await user.page.getByTestId('safety-code').getByRole('button', { name: /it does not match/i }).click();
  await user.waitForEnd('safety-code-mismatch');
  await expect(user.page.getByTestId('report-sent')).toHaveAttribute('data-delivery', 'sending');
  // The receipt never comes (REPORT_RECEIPT_TIMEOUT_MS): not called sent.
  await expect(user.page.getByTestId('report-sent')).toHaveAttribute('data-delivery', 'not-sent', { timeout: 15_000 });
  await expect(user.page.getByTestId('report-sent')).toHaveText(/did not confirm your report/);
  expect((await mitm.report()).forwardedVideoTracks).toBe(0);
  expect((await auditTrail(dbPath)).map((entry) => entry.type)).not.toContain('contact.reported');
});
