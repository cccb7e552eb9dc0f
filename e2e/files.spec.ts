import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppWindow } from './support/app-window';
import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { temporaryDownloadsDir } from './support/harness-files';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function liveSession(openApp: (role: 'user' | 'consultant') => Promise<AppWindow>) {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  await consultant.waitForDecodedFrames(3);
  return { consultant, user };
}

/** The consultant picks a file in the browser's own file input. */
async function sendFromConsultant(consultant: AppWindow, name: string, buffer: Buffer): Promise<void> {
  await consultant.page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

test('files both ways arrive with the same SHA-256; never overwritten; a refused transfer leaves nothing on disk', async ({ openApp }) => {
  const { consultant, user } = await liveSession(openApp);
  const userTransfer = user.page.getByTestId('transfer');
  const consultantTransfer = consultant.page.getByTestId('transfer');

  // Consultant → user, declined: nothing is written, not even a partial file.
  await sendFromConsultant(consultant, 'driver.zip', randomBytes(50_000));
  await expect(userTransfer).toHaveAttribute('data-status', 'incoming');
  await expect(userTransfer).toContainText('A file from Camille Martin');
  await expectAccessible(user.page, 'an incoming file to accept or decline');
  await userTransfer.getByRole('button', { name: /^decline$/i }).click();
  await expect(consultantTransfer).toHaveAttribute('data-status', 'declined');
  expect(await readdir(user.host.downloadsDir)).toEqual([]);

  // Consultant → user, accepted: saved in Downloads beside an existing file of the same name.
  await writeFile(join(user.host.downloadsDir, 'tool.bin'), 'the user’s own file');
  const tool = randomBytes(600_000);
  await sendFromConsultant(consultant, 'tool.bin', tool);
  const incoming = user.page.locator('[data-testid="transfer"][data-status="incoming"]');
  await incoming.getByRole('button', { name: /^accept$/i }).click();
  await expect(consultantTransfer.nth(1)).toHaveAttribute('data-status', 'done');
  await expect(userTransfer.nth(1)).toContainText('Verified and saved as tool (1).bin');
  await expectAccessible(consultant.page, 'the consultant’s transfers');
  expect((await readdir(user.host.downloadsDir)).sort()).toEqual(['tool (1).bin', 'tool.bin']);
  expect(sha256(await readFile(join(user.host.downloadsDir, 'tool (1).bin')))).toBe(sha256(tool));
  expect(await readFile(join(user.host.downloadsDir, 'tool.bin'), 'utf8')).toBe('the user’s own file');

  // User → consultant, on request: the user picks in the host's dialog, the browser downloads.
  const log = randomBytes(300_000);
  const logPath = join(temporaryDownloadsDir(), 'app.log');
  await writeFile(logPath, log);
  await consultant.button(/ask for a file/i).click();
  await expect(user.page.getByTestId('file-request-prompt')).toContainText('Camille Martin asks you for a file');
  await user.button(/choose a file/i).click();
  await user.host.filePicker.choose(logPath);
  const offer = consultant.page.locator('[data-testid="transfer"][data-direction="in"]');
  await expect(offer).toHaveAttribute('data-status', 'incoming');
  const download = consultant.page.waitForEvent('download');
  await offer.getByRole('button', { name: /^accept$/i }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('app.log');
  const path = await saved.path();
  expect(sha256(await readFile(path))).toBe(sha256(log));
  await expect(user.page.locator('[data-testid="transfer"][data-direction="out"]')).toHaveAttribute('data-status', 'done');
});

test('either side cancels a running transfer and the partial file is deleted; the user can decline a request', async ({ openApp }) => {
  const { consultant, user } = await liveSession(openApp);
  await consultant.button(/ask for a file/i).click();
  await user.button(/don’t send/i).click();
  await expect(consultant.page.getByTestId('file-request')).toHaveAttribute('data-state', 'declined');

  for (const [index, canceller] of ([consultant, user] as const).entries()) {
    // Large enough that the transfer is still running when Cancel is clicked (sent by path: >50 MB).
    const big = join(temporaryDownloadsDir(), `big-${index}.iso`);
    await writeFile(big, randomBytes(120 * 1024 * 1024));
    await consultant.page.getByTestId('file-input').setInputFiles(big);
    const incoming = user.page.locator('[data-testid="transfer"][data-status="incoming"]');
    await incoming.getByRole('button', { name: /^accept$/i }).click();
    const running = canceller.page.locator('[data-testid="transfer"][data-status="transferring"]');
    await expect(running).toHaveCount(1);
    // A temporary file exists while bytes arrive.
    await expect.poll(async () => (await readdir(user.host.downloadsDir)).filter((name) => name.endsWith('.part')).length).toBe(1);
    await running.getByRole('button', { name: /^cancel$/i }).click();
    await expect(user.page.getByTestId('transfer').nth(index)).toHaveAttribute('data-status', 'cancelled');
    await expect(consultant.page.getByTestId('transfer').nth(index)).toHaveAttribute('data-status', 'cancelled');
    await expect.poll(() => readdir(user.host.downloadsDir)).toEqual([]);
  }
});

test('clipboard text is sent once each way and lands only after the receiver agrees', async ({ openApp, server }) => {
  const { consultant, user } = await liveSession(openApp);
  await consultant.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.httpUrl });

  // Consultant → user: the browser's clipboard, read on the click.
  await consultant.page.evaluate(() => navigator.clipboard.writeText('ipconfig /flushdns'));
  await consultant.button(/send my clipboard text/i).click();
  const offer = user.page.getByTestId('clipboard-offer');
  await expect(offer).toContainText('Text from Camille Martin. Put this text on your clipboard?');
  await expect(offer.getByTestId('clipboard-text')).toHaveText('ipconfig /flushdns');
  expect(user.host.clipboard.text).toBe('');
  await user.button(/put it on my clipboard/i).click();
  await expect.poll(() => user.host.clipboard.text).toBe('ipconfig /flushdns');
  await expect(consultant.page.getByTestId('clipboard-notice')).toHaveAttribute('data-notice', 'accepted');

  // User → consultant: the host's clipboard; declined first, then accepted.
  user.host.clipboard.text = 'C:\\Users\\Camille\\AppData\\Local\\app.log';
  await user.button(/send my clipboard text/i).click();
  await consultant.button(/no thanks/i).click();
  await expect(user.page.getByTestId('clipboard-notice')).toHaveAttribute('data-notice', 'declined');
  expect(await consultant.page.evaluate(() => navigator.clipboard.readText())).toBe('ipconfig /flushdns');
  await user.button(/send my clipboard text/i).click();
  await expect(consultant.page.getByTestId('clipboard-text')).toHaveText('C:\\Users\\Camille\\AppData\\Local\\app.log');
  await consultant.button(/put it on my clipboard/i).click();
  await expect(user.page.getByTestId('clipboard-notice')).toHaveAttribute('data-notice', 'accepted');
  expect(await consultant.page.evaluate(() => navigator.clipboard.readText())).toBe('C:\\Users\\Camille\\AppData\\Local\\app.log');
});
