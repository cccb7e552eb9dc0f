import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { DbAccountStore } from '../server/accounts/account-store';
import { hashPassword } from '../server/accounts/password';
import { newTotpSecret, totpAt, totpStep } from '../server/accounts/totp';
import { openRecords } from '../server/db/database';
import { TestClient } from '../server/test-client';
import type { AuditEntry } from '../shared/audit';
import type { SignalingServer } from '../server/signaling-server';
import { expectAccessible } from './support/accessibility';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { expect, PLACEMENT, test } from './support/fixtures';
import type { AppWindow } from './support/app-window';

const PASSWORD = 'correct horse battery staple';
const CONSULTANT = { email: 'camille@acme.test', name: 'Camille Martin' };
const ADMIN = { email: 'ada@acme.test', name: 'Ada Admin' };

/** An organisation with a consultant (TOTP on) and an admin, written with the server's own stores into a fresh SQLite file. */
async function seedDatabase(dbPath: string): Promise<{ totpSecret: string }> {
  const records = await openRecords(dbPath);
  try {
    const accounts = new DbAccountStore(records);
    const now = Date.now();
    const org = await accounts.createOrganisation('acme', 'Acme IT', now);
    const passwordHash = await hashPassword(PASSWORD);
    const consultant = await accounts.createConsultant({ orgId: org.id, email: CONSULTANT.email, name: CONSULTANT.name, role: 'consultant', passwordHash }, now);
    await accounts.createConsultant({ orgId: org.id, email: ADMIN.email, name: ADMIN.name, role: 'admin', passwordHash }, now);
    const totpSecret = newTotpSecret();
    await accounts.setTotpPending(consultant.id, totpSecret);
    // Activated at an older step, so the code of the current step is still unused at login.
    await accounts.activateTotp(consultant.id, totpStep(now) - 10);
    return { totpSecret };
  } finally {
    await records.close();
  }
}

/** The consultant in a plain browser (no desktop host): the server's own web page. */
async function openBrowserConsultant(server: SignalingServer): Promise<{ browser: LaunchedChromium; page: Page }> {
  const browser = await launchChromium(PLACEMENT.consultant);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(server.httpUrl);
  return { browser, page };
}

async function signIn(page: Page, totpSecret: string): Promise<void> {
  await page.getByRole('button', { name: /give help/i }).click();
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await page.getByLabel(/e-mail/i).fill(CONSULTANT.email);
  await page.getByLabel(/^password$/i).fill(PASSWORD);
  await page.getByRole('button', { name: /^sign in$/i }).click();
  // The password is accepted; the server asks for the second factor.
  const totp = page.getByLabel(/authenticator app/i);
  await expect(totp).toBeVisible();
  await totp.fill(totpAt(totpSecret, Date.now()));
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await expect(page.getByRole('heading', { name: 'Help requests for Acme IT' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${CONSULTANT.name}`)).toBeVisible();
}

/** The guided intake: the kind of trouble, Next, then (optionally) one of its questions and anything else. */
async function askForHelp(user: AppWindow, request: { name: string; category: RegExp; description: string; answer?: { question: RegExp; text: string } }): Promise<void> {
  await user.button(/get help/i).click();
  await user.button(/ask for help/i).click();
  await user.page.getByRole('radio', { name: request.category }).check();
  await user.button(/^next$/i).click();
  // The step's heading takes focus, so a screen reader announces the new step.
  await expect(user.page.getByRole('heading', { level: 1 })).toBeFocused();
  if (request.answer) {
    await user.page.getByLabel(request.answer.question).fill(request.answer.text);
    await expectAccessible(user.page, 'ask for help, the questions of its kind');
  }
  await user.page.getByLabel(/anything else to tell us/i).fill(request.description);
  await user.page.getByLabel(/^your name$/i).fill(request.name);
  // The server lists one organisation: it is chosen already.
  await expect(user.page.getByLabel(/your organisation/i)).toHaveValue('acme');
  await user.button(/send my request/i).click();
  await expect(user.page.getByTestId('request-status')).toHaveAttribute('data-state', 'waiting');
}

/** Draws the page's QR code <svg> onto a canvas in the browser, and scans its pixels here with jsQR. */
async function scanQrCode(page: Page, svg: Locator): Promise<string | null> {
  const markup = await svg.evaluate((element) => new XMLSerializer().serializeToString(element));
  const { width, pixels } = await page.evaluate(async (source) => {
    const image = new Image();
    image.src = `data:image/svg+xml;base64,${btoa(source)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(image, 0, 0);
    return { width: canvas.width, pixels: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
  }, markup);
  return jsQR(Uint8ClampedArray.from(pixels), width, pixels.length / 4 / width)?.data ?? null;
}

async function auditTrail(server: SignalingServer): Promise<AuditEntry[]> {
  const admin = await TestClient.ready(server.wsUrl);
  admin.send({ type: 'auth.login', email: ADMIN.email, password: PASSWORD });
  const { token } = await admin.next('auth.ok');
  admin.socket.close();
  const response = await fetch(`${server.httpUrl}/api/audit`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: AuditEntry[] }).entries;
}

test.describe('help requests and the queue', () => {
  let dir: string;
  test.beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-queue-'));
  });
  test.afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a user asks for help; a consultant signed in from a browser takes it; consent, session, close; the audit trail tells it all', async ({ startServer, openApp }) => {
    const dbPath = join(dir, 'tandem.db');
    const { totpSecret } = await seedDatabase(dbPath);
    const server = await startServer({ dbPath });
    const user = await openApp('user', { server });
    const { browser, page: consultant } = await openBrowserConsultant(server);
    try {
      await signIn(consultant, totpSecret);
      await expect(consultant.getByText(/nobody is waiting/i)).toBeVisible();
      await expectAccessible(consultant, 'queue console, empty');

      await askForHelp(user, { name: 'Dominique Petit', category: /printer/i, description: 'The printer on the second floor says it is offline.', answer: { question: /already tried/i, text: 'Turned it off and on.' } });
      const status = user.page.getByTestId('request-position');
      await expect(status).toContainText('You are number 1 in the queue.');
      // No request was ever closed on this server: no estimate, a calm promise instead.
      await expect(status).toContainText('We’ll be with you soon.');
      await user.page.getByLabel(/something to add/i).fill('It blinks orange.');
      await user.button(/add to my request/i).click();
      await expect(user.page.getByText('Added so far: 1 of 5.')).toBeVisible();
      await expectAccessible(user.page, 'request status');

      const item = consultant.getByTestId('queue-item');
      await expect(item).toHaveCount(1);
      await expect(item).toContainText('A printer');
      await expect(item).toContainText('The printer on the second floor says it is offline.');
      await expect(item).toContainText(/waiting for less than a minute/);
      await consultant.getByRole('button', { name: 'Open the request from Dominique Petit' }).click();
      await expect(consultant.getByTestId('queue-detail')).toContainText('It blinks orange.');
      // The calm summary comes first: the kind of trouble and what the person already tried.
      await expect(consultant.getByTestId('intake-summary')).toContainText('A printer');
      await expect(consultant.getByTestId('intake-tried')).toHaveText('Turned it off and on.');
      await expectAccessible(consultant, 'request detail');
      await consultant.getByRole('button', { name: 'Take this request' }).click();
      // The user's app joins by itself at once, so the code screen may already have passed.
      await expect(consultant.getByRole('heading', { name: 'You took the request' })).toBeVisible();

      // The user is alerted, in the page and in the window title, then sees who it is: verified.
      await expect(user.page.getByTestId('claimed-alert')).toContainText('Camille Martin from Acme IT has taken your request.');
      await expect(user.page).toHaveTitle('A helper is ready – Tandem');
      await expect(user.consentPrompt).toContainText('Camille Martin, Acme IT');
      await expect(user.page.getByTestId('helper-identity')).toHaveAttribute('data-verified', 'true');
      await expectAccessible(user.page, 'consent for a verified helper, with the claim alert');
      await expect(user.page.getByTestId('anti-scam')).toHaveText('Did you contact Acme IT yourself? Acme IT will never call you unexpectedly to offer help.');
      await expect(consultant.getByTestId('consultant-status')).toContainText(/waiting for them to allow/i);

      await user.button(/allow screen sharing/i).click();
      await expect(user.sharingBanner).toContainText('Camille Martin can see your screen');
      await expect(consultant.getByTestId('remote-video')).toBeVisible();
      // Real frames of the user's screen reach the browser consultant.
      await consultant.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]')?.getVideoPlaybackQuality().totalVideoFrames ?? 0) >= 3, undefined, { timeout: 20_000 });

      await user.button(/stop sharing/i).click();
      await user.waitForEnd('you-ended');
      await expect(consultant.getByTestId('session-ended')).toHaveAttribute('data-reason', 'peer-left');
      await consultant.getByRole('button', { name: 'Back to the queue' }).click();
      const held = consultant.getByTestId('held-request');
      await expect(held).toContainText('You hold the request from Dominique Petit');
      await held.getByLabel('Outcome').selectOption('resolved');
      await held.getByLabel(/note for the record/i).fill('Printer back online after a restart.');
      await held.getByRole('button', { name: 'Close the request' }).click();
      await expect(consultant.getByTestId('queue-status')).toContainText('The request was closed.');
      await expect(held).toHaveCount(0);

      const entries = await auditTrail(server);
      const types = entries.map((entry) => entry.type);
      for (const type of ['login.succeeded', 'request.submitted', 'request.claimed', 'session.created', 'session.joined', 'consent.given', 'consent.revoked', 'session.ended', 'request.closed']) {
        expect(types, `audit has ${type}`).toContain(type);
      }
      const claimed = entries.find((entry) => entry.type === 'request.claimed');
      const sessionEntries = entries.filter((entry) => entry.sessionId !== null && entry.sessionId === claimed?.sessionId).map((entry) => entry.type);
      // One session, from creation to end, tied to the request and to the signed-in consultant.
      expect(sessionEntries).toEqual(expect.arrayContaining(['session.created', 'session.joined', 'consent.given', 'consent.revoked', 'session.ended']));
      expect(entries.find((entry) => entry.type === 'session.created' && entry.sessionId === claimed?.sessionId)).toMatchObject({ consultantName: CONSULTANT.name, requestId: claimed?.requestId });
      expect(entries.find((entry) => entry.type === 'request.closed')).toMatchObject({ requestId: claimed?.requestId, detail: { outcome: 'resolved' } });
    } finally {
      await browser.dispose();
    }
  });

  test('with two requests waiting, the second user sees position 2, then 1 as the queue moves; waits near and past the target are marked and told', async ({ startServer, openApp }) => {
    const dbPath = join(dir, 'tandem.db');
    const { totpSecret } = await seedDatabase(dbPath);
    // The server's clock runs ahead on demand, so the 30-minute target waits pass in an instant.
    let skewMs = 0;
    const server = await startServer({ dbPath, now: () => Date.now() + skewMs, sweepIntervalMs: 200 });
    const first = await openApp('user', { server });
    const second = await openApp('user', { server });
    const { browser, page: consultant } = await openBrowserConsultant(server);
    try {
      await askForHelp(first, { name: 'Dominique Petit', category: /no internet or no network/i, description: 'No Internet since this morning.' });
      await expect(first.page.getByTestId('request-status')).toHaveAttribute('data-position', '1');
      await askForHelp(second, { name: 'Sacha Morel', category: /an account or a password/i, description: 'I forgot my password.' });
      await expect(second.page.getByTestId('request-status')).toHaveAttribute('data-position', '2');
      await expect(second.page.getByTestId('request-position')).toContainText('You are number 2 in the queue.');

      await signIn(consultant, totpSecret);
      await expect(consultant.getByTestId('queue-item')).toHaveCount(2);
      skewMs = 25 * 60_000;
      await expect(consultant.getByTestId('wait-marker')).toHaveText(['◔ close to the target wait (30 min)', '◔ close to the target wait (30 min)']);
      await expect(consultant.getByTestId('wait-alert')).toHaveCount(2);
      await expect(consultant.getByTestId('wait-alert').first()).toHaveAttribute('data-level', 'approaching');
      skewMs = 31 * 60_000;
      await expect(second.page.getByTestId('past-target')).toHaveText(/^It is taking longer than we hoped\. You are still number 2 in the queue/);
      await expect(consultant.getByTestId('wait-marker')).toHaveText(['⚠ past the target wait (30 min)', '⚠ past the target wait (30 min)']);
      await expect(consultant.getByTestId('wait-alert').first()).toContainText('has waited longer than its target of 30 min');
      await expectAccessible(consultant, 'queue console with target-wait alerts');
      // Oldest first: Dominique's request is taken, Sacha moves up.
      await consultant.getByRole('button', { name: 'Take this request, from Dominique Petit' }).click();
      // Still past the target: the honest update follows the place in the queue.
      await expect(second.page.getByTestId('request-position')).toContainText('You are still number 1 in the queue');
      await expect(first.consentPrompt).toContainText('Camille Martin, Acme IT');

      // The first user reports the contact as suspicious: the session ends, the advice shows.
      await first.button(/report a suspicious contact/i).click();
      await expect(first.page.getByTestId('report-advice')).toContainText('Nothing was shared.');
      await expect(first.page.getByTestId('report-sent')).toHaveText(/^Your report was sent to Acme IT/);
      await expect(consultant.getByTestId('session-ended')).toBeVisible();
      // The second user cancels: nobody is left waiting.
      await second.button(/cancel my request/i).click();
      await expect(second.page.getByTestId('request-status')).toHaveAttribute('data-state', 'cancelled');
      await consultant.getByRole('button', { name: 'Back to the queue' }).click();
      await expect(consultant.getByTestId('queue-item')).toHaveCount(0);
      // The report is in the organisation's trail, tied to the request the contact came through.
      const reported = (await auditTrail(server)).filter((entry) => entry.type === 'contact.reported');
      expect(reported).toHaveLength(1);
      expect(reported[0]).toMatchObject({ actor: 'user', consultantName: CONSULTANT.name, detail: { consultantName: CONSULTANT.name, verified: true } });
      expect(reported[0]?.requestId).not.toBeNull();
    } finally {
      await browser.dispose();
    }
  });

  test('an admin turns on two-step sign-in, then finds a contact a user reported as suspicious in the audit trail and exports it', async ({ startServer, openApp }) => {
    const dbPath = join(dir, 'tandem.db');
    const { totpSecret } = await seedDatabase(dbPath);
    const server = await startServer({ dbPath });
    const user = await openApp('user', { server });
    const { browser, page: admin } = await openBrowserConsultant(server);
    try {
      // Signed in with the password only: the console says two-step sign-in is off.
      await admin.getByRole('button', { name: /give help/i }).click();
      await admin.getByRole('button', { name: /^sign in$/i }).click();
      await admin.getByLabel(/e-mail/i).fill(ADMIN.email);
      await admin.getByLabel(/^password$/i).fill(PASSWORD);
      await admin.getByRole('button', { name: /^sign in$/i }).click();
      await expect(admin.getByTestId('two-step-off')).toBeVisible();
      await expectAccessible(admin, 'queue console of an admin without two-step sign-in');
      await admin.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      // The password is asked again first; a wrong one is refused plainly.
      await admin.getByLabel(/your password, to confirm/i).fill('not my password');
      await admin.getByRole('button', { name: 'Continue' }).click();
      await expect(admin.getByRole('alert')).toHaveText('That is not the password of this account. Please try again.');
      await expectAccessible(admin, 'two-step: password again, refused');
      await admin.getByLabel(/your password, to confirm/i).fill(PASSWORD);
      await admin.getByRole('button', { name: 'Continue' }).click();

      // The QR code drawn in the page scans back to the otpauth address of the key shown beside it.
      const key = (await admin.getByTestId('totp-key').textContent())?.replace(/\s/g, '') ?? '';
      expect(key).toMatch(/^[A-Z2-7]{32}$/);
      const scanned = await scanQrCode(admin, admin.getByRole('img', { name: /QR code/ }));
      expect(scanned).toContain(`secret=${key}`);
      expect(scanned).toMatch(/^otpauth:\/\/totp\/Tandem%20Acme%20IT:ada%40acme\.test\?/);
      // A wrong code is refused plainly; the right one turns it on.
      const now = totpAt(key, Date.now());
      await admin.getByLabel(/six-digit code/i).fill(now === '000000' ? '111111' : '000000');
      await admin.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      await expect(admin.getByRole('alert')).toContainText('That code does not match.');
      await expectAccessible(admin, 'two-step: QR code, key and a refused code');
      await admin.getByLabel(/six-digit code/i).fill(totpAt(key, Date.now()));
      await admin.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      await expect(admin.getByTestId('two-step-enabled')).toBeVisible();
      await admin.getByRole('button', { name: 'Back to the queue' }).click();
      await expect(admin.getByTestId('two-step-off')).toHaveCount(0);
      // From now on the second factor is asked at sign-in (the code of the next step: the confirming one is spent).
      await admin.getByRole('button', { name: 'Sign out' }).click();
      await admin.getByRole('button', { name: /^sign in$/i }).click();
      await admin.getByLabel(/e-mail/i).fill(ADMIN.email);
      await admin.getByLabel(/^password$/i).fill(PASSWORD);
      await admin.getByRole('button', { name: /^sign in$/i }).click();
      await admin.getByLabel(/authenticator app/i).fill(totpAt(key, Date.now() + 30_000));
      await admin.getByRole('button', { name: /^sign in$/i }).click();
      await expect(admin.getByRole('heading', { name: 'Help requests for Acme IT' })).toBeVisible();

      // Camille (signed in with her second factor, from a plain socket here) gives a user a code;
      // the user finds the call suspicious: reported, ended, and told where the report went.
      const camille = await TestClient.ready(server.wsUrl);
      try {
        camille.send({ type: 'auth.login', email: CONSULTANT.email, password: PASSWORD, totp: totpAt(totpSecret, Date.now()) });
        await camille.next('auth.ok');
        camille.send({ type: 'session.create', consultantName: 'ignored for verified accounts' });
        const { code } = await camille.next('session.created');
        await user.enterCode(code);
        await expect(user.consentPrompt).toContainText('Camille Martin, Acme IT');
        await user.button(/report a suspicious contact/i).click();
        await expect(user.page.getByTestId('report-sent')).toHaveText(/^Your report was sent to Acme IT/);
        await expect(user.page.getByTestId('report-sent')).toHaveAttribute('data-delivery', 'sent');
        await expectAccessible(user.page, 'after a suspicious-contact report');
        expect((await camille.next('session.ended')).reason).toBe('declined');
      } finally {
        camille.socket.close();
      }
      // The admin, on the queue console, is alerted at once and opens that session's story from it.
      await expect(admin.getByTestId('report-alert')).toContainText('A user reported the session with Camille Martin as suspicious and ended it');
      await expectAccessible(admin, 'queue console with a report alert');
      await admin.getByRole('button', { name: 'See what happened' }).click();
      await expect(admin.getByRole('heading', { name: 'Audit trail for Acme IT' })).toBeVisible();
      const rows = admin.getByTestId('audit-table').locator('tbody tr');
      await expect(rows.locator('td:nth-child(2)')).toHaveText(['Session ended', 'Reported as suspicious', 'User joined', 'Session created']);
      await admin.getByRole('button', { name: 'Back to the queue' }).click();
      await admin.getByRole('button', { name: 'Dismiss' }).click();
      await expect(admin.getByTestId('report-alert')).toHaveCount(0);

      // The audit trail screen: everything, filter by event, then open the whole session.
      await admin.getByRole('button', { name: 'Audit trail' }).click();
      await expect(rows.filter({ hasText: 'Two-step sign-in turned on' })).toHaveCount(1);
      // Everything about one consultant: Camille's own sign-in, and the session she created.
      await admin.getByLabel('Consultant').selectOption({ label: CONSULTANT.name });
      await admin.getByRole('button', { name: 'Show entries' }).click();
      await expect(rows.filter({ hasText: 'Signed in' })).toHaveCount(1);
      await expect(rows.locator('td:nth-child(4)')).toHaveText(Array(await rows.count()).fill(CONSULTANT.name));
      await admin.getByLabel('Consultant').selectOption({ label: 'Everyone' });
      await admin.getByLabel('Event').selectOption({ label: 'Reported as suspicious' });
      await admin.getByRole('button', { name: 'Show entries' }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('Reported as suspicious');
      await expectAccessible(admin, 'audit trail, filtered');
      await expect(rows.first()).toContainText('Helper’s name: Camille Martin, Verified: yes');
      await rows.first().getByRole('button', { name: /show everything about session/i }).click();
      await expect(rows.locator('td:nth-child(2)')).toHaveText(['Session ended', 'Reported as suspicious', 'User joined', 'Session created']);

      const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Export as CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^tandem-audit-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
      expect(csv[0]).toBe('id,time,type,actor,consultant_id,consultant_name,session_id,request_id,address,detail');
      expect(csv.slice(1).map((line) => line.split(',')[2])).toEqual(['session.ended', 'contact.reported', 'session.joined', 'session.created']);
    } finally {
      await browser.dispose();
    }
  });
  test('a flood from one network is dismissed as abuse in one action; its person reads a neutral ending, the others wait on', async ({ startServer, openApp }) => {
    const dbPath = join(dir, 'tandem.db');
    const { totpSecret } = await seedDatabase(dbPath);
    // Loopback is a trusted proxy here: the test's fakes say where they come from with X-Forwarded-For.
    const server = await startServer({ dbPath, trustProxy: true });
    const user = await openApp('user', { server });
    const { browser, page: consultant } = await openBrowserConsultant(server);
    const fakes: TestClient[] = [];
    const submitFrom = async (address: string, name: string) => {
      const client = await TestClient.ready(server.wsUrl, { 'x-forwarded-for': address });
      fakes.push(client);
      client.send({ type: 'request.submit', organisation: 'acme', category: 'other', description: 'Fake', contactName: name });
      return (await client.next('request.submitted')).requestId;
    };
    try {
      // The app comes from 127.0.0.1: the two fakes share its /24, the person from 198.51.100.20 does not.
      await askForHelp(user, { name: 'Dominique Petit', category: /printer/i, description: 'The printer says no.' });
      await submitFrom('127.0.0.7', 'Fake Seven');
      await submitFrom('127.0.0.8', 'Fake Eight');
      const realId = await submitFrom('198.51.100.20', 'Sacha Morel');
      await signIn(consultant, totpSecret);
      await expect(consultant.getByTestId('queue-item')).toHaveCount(4);
      await expectAccessible(consultant, 'queue console with selectable requests');

      await consultant.getByRole('button', { name: 'Select all 3 from this network, the network of Fake Seven' }).click();
      await expect(consultant.getByRole('checkbox', { name: 'Select the request from Sacha Morel' })).not.toBeChecked();
      await expect(consultant.getByRole('heading', { name: 'Selected requests: 3' })).toBeVisible();
      // Keyboard only: the dismissal and its confirmation are ordinary buttons.
      await consultant.getByRole('button', { name: 'Dismiss as abuse…' }).focus();
      await consultant.keyboard.press('Enter');
      await expect(consultant.getByRole('alertdialog')).toContainText('This is recorded in the audit trail.');
      await expectAccessible(consultant, 'dismissal confirmation');
      await consultant.keyboard.press('Enter');
      await expect(consultant.getByTestId('queue-status')).toContainText('Requests dismissed: 3.');
      await expect(consultant.getByTestId('queue-item')).toHaveCount(1);
      await expect(consultant.getByTestId('queue-item')).toHaveAttribute('data-request', realId);

      await expect(user.page.getByTestId('request-status')).toHaveAttribute('data-state', 'dismissed');
      await expect(user.page.getByTestId('request-position')).toContainText('This request will not be followed up. If you still need help, please call your help desk.');
      await expectAccessible(user.page, 'request dismissed');
      const dismissed = (await auditTrail(server)).filter((entry) => entry.type === 'request.dismissed');
      expect(dismissed).toHaveLength(3);
      expect(dismissed.every((entry) => entry.consultantName === CONSULTANT.name && entry.detail.reason === 'abuse')).toBe(true);
    } finally {
      for (const fake of fakes) await fake.close();
      await browser.dispose();
    }
  });
});
