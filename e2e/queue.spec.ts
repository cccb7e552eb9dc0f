import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SqliteAccountStore } from '../server/accounts/account-store';
import { hashPassword } from '../server/accounts/password';
import { newTotpSecret, totpAt, totpStep } from '../server/accounts/totp';
import { openDatabase } from '../server/db/database';
import { TestClient } from '../server/test-client';
import type { AuditEntry } from '../shared/audit';
import type { SignalingServer } from '../server/signaling-server';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { expect, PLACEMENT, test } from './support/fixtures';
import type { AppWindow } from './support/app-window';

const PASSWORD = 'correct horse battery staple';
const CONSULTANT = { email: 'camille@acme.test', name: 'Camille Martin' };
const ADMIN = { email: 'ada@acme.test', name: 'Ada Admin' };

/** An organisation with a consultant (TOTP on) and an admin, written with the server's own stores into a fresh SQLite file. */
async function seedDatabase(dbPath: string): Promise<{ totpSecret: string }> {
  const db = openDatabase(dbPath);
  try {
    const accounts = new SqliteAccountStore(db);
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
    db.close();
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

async function askForHelp(user: AppWindow, request: { name: string; category: RegExp; description: string }): Promise<void> {
  await user.button(/get help/i).click();
  await user.button(/ask for help/i).click();
  await user.page.getByRole('radio', { name: request.category }).check();
  await user.page.getByLabel(/describe the problem/i).fill(request.description);
  await user.page.getByLabel(/^your name$/i).fill(request.name);
  // The server lists one organisation: it is chosen already.
  await expect(user.page.getByLabel(/your organisation/i)).toHaveValue('acme');
  await user.button(/send my request/i).click();
  await expect(user.page.getByTestId('request-status')).toHaveAttribute('data-state', 'waiting');
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

      await askForHelp(user, { name: 'Dominique Petit', category: /printer/i, description: 'The printer on the second floor says it is offline.' });
      const status = user.page.getByTestId('request-position');
      await expect(status).toContainText('You are number 1 in the queue.');
      // No request was ever closed on this server: no estimate, a calm promise instead.
      await expect(status).toContainText('We’ll be with you soon.');
      await user.page.getByLabel(/something to add/i).fill('It blinks orange.');
      await user.button(/add to my request/i).click();
      await expect(user.page.getByText('Added so far: 1 of 5.')).toBeVisible();

      const item = consultant.getByTestId('queue-item');
      await expect(item).toHaveCount(1);
      await expect(item).toContainText('Printer');
      await expect(item).toContainText('The printer on the second floor says it is offline.');
      await expect(item).toContainText(/waiting for less than a minute/);
      await consultant.getByRole('button', { name: 'Open the request from Dominique Petit' }).click();
      await expect(consultant.getByTestId('queue-detail')).toContainText('It blinks orange.');
      await consultant.getByRole('button', { name: 'Take this request' }).click();
      // The user's app joins by itself at once, so the code screen may already have passed.
      await expect(consultant.getByRole('heading', { name: 'You took the request' })).toBeVisible();

      // The user is alerted, in the page and in the window title, then sees who it is: verified.
      await expect(user.page.getByTestId('claimed-alert')).toContainText('Camille Martin from Acme IT has taken your request.');
      await expect(user.page).toHaveTitle('A helper is ready – Tandem');
      await expect(user.consentPrompt).toContainText('Camille Martin, Acme IT');
      await expect(user.page.getByTestId('helper-identity')).toHaveAttribute('data-verified', 'true');
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

  test('with two requests waiting, the second user sees position 2, then 1 as the queue moves', async ({ startServer, openApp }) => {
    const dbPath = join(dir, 'tandem.db');
    const { totpSecret } = await seedDatabase(dbPath);
    const server = await startServer({ dbPath });
    const first = await openApp('user', { server });
    const second = await openApp('user', { server });
    const { browser, page: consultant } = await openBrowserConsultant(server);
    try {
      await askForHelp(first, { name: 'Dominique Petit', category: /network or internet/i, description: 'No Internet since this morning.' });
      await expect(first.page.getByTestId('request-status')).toHaveAttribute('data-position', '1');
      await askForHelp(second, { name: 'Sacha Morel', category: /account or password/i, description: 'I forgot my password.' });
      await expect(second.page.getByTestId('request-status')).toHaveAttribute('data-position', '2');
      await expect(second.page.getByTestId('request-position')).toContainText('You are number 2 in the queue.');

      await signIn(consultant, totpSecret);
      await expect(consultant.getByTestId('queue-item')).toHaveCount(2);
      // Oldest first: Dominique's request is taken, Sacha moves up.
      await consultant.getByRole('button', { name: 'Take the request from Dominique Petit' }).click();
      await expect(second.page.getByTestId('request-position')).toContainText('You are number 1 in the queue.');
      await expect(first.consentPrompt).toContainText('Camille Martin, Acme IT');

      // The first user reports the contact as suspicious: the session ends, the advice shows.
      await first.button(/report a suspicious contact/i).click();
      await expect(first.page.getByTestId('report-advice')).toContainText('Nothing was shared.');
      await expect(consultant.getByTestId('session-ended')).toBeVisible();
      // The second user cancels: nobody is left waiting.
      await second.button(/cancel my request/i).click();
      await expect(second.page.getByTestId('request-status')).toHaveAttribute('data-state', 'cancelled');
      await consultant.getByRole('button', { name: 'Back to the queue' }).click();
      await expect(consultant.getByTestId('queue-item')).toHaveCount(0);
    } finally {
      await browser.dispose();
    }
  });
});
