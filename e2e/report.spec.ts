import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';
import { liveSession } from './support/live-session';
import { grantControl } from './support/control-steps';
import { readPdf } from '../renderer/src/test/read-pdf';

// Typed in several scripts: the PDF must give back exactly this.
const NOTES = 'Le câble réseau était débranché. Łukasz, Nguyễn, Ιωάννης, Дмитрий, 李.';

test('both sides get a session report with what happened, the notes and advice, exportable as HTML and PDF', async ({ openApp }, testInfo) => {
  const { consultant, user } = await liveSession(openApp);

  // A chat message, a control period, an approved repair, and the consultant's notes.
  const consultantChat = consultant.page.getByTestId('chat');
  await consultantChat.getByLabel(/your message/i).fill('Bonjour !');
  await consultantChat.getByRole('button', { name: /^send$/i }).click();
  await grantControl(consultant, user);
  await expect(user.page.getByTestId('control-banner')).toBeVisible();
  await user.button(/take back control/i).click();
  await consultant.button(/show available repairs/i).click();
  const clearTemp = consultant.page.locator('[data-repair="system.clear-temp"]');
  await clearTemp.getByRole('button', { name: /propose/i }).click();
  await user.host.repairPrompt.answer(true);
  await expect(clearTemp.getByTestId('repair-outcome')).toHaveAttribute('data-status', 'succeeded');
  const notes = consultant.page.getByTestId('report-notes');
  await notes.locator('summary').click();
  await notes.getByLabel(/problem category/i).selectOption('network');
  await notes.getByLabel(/notes for the report/i).fill(NOTES);

  // Two screenshots, by button and by shortcut; the person sees both listed and removes the second.
  await consultant.button(/take a screenshot/i).click();
  await expect(consultant.page.getByTestId('screenshot-status')).toHaveText('Screenshot 1 added to the report.');
  await consultant.page.keyboard.press('Alt+Shift+KeyS');
  await expect(consultant.page.getByTestId('screenshot-status')).toHaveText('Screenshot 2 added to the report.');
  const listed = user.page.getByTestId('screenshot-list');
  await expect(listed.getByRole('listitem')).toHaveCount(2);
  await listed.getByRole('button', { name: 'Remove screenshot 2' }).click();
  await expect(notes.getByTestId('screenshot-list').getByRole('listitem')).toHaveCount(1);
  // Full decoded resolution, whatever size the video is shown at.
  const decoded = await consultant.page.getByTestId('remote-video').evaluate((video: HTMLVideoElement) => `${video.videoWidth} × ${video.videoHeight}`);
  await expect(notes.getByTestId('screenshot-list')).toContainText(decoded);

  await user.button(/stop sharing/i).click();
  for (const side of [user, consultant]) {
    const report = side.page.getByTestId('session-report');
    await expect(report).toContainText('Remote control: 1 period(s)');
    await expect(report).toContainText(/Repair: .* \(succeeded\)/);
    await expect(report).toContainText('1 chat message(s)');
    await expect(report).toContainText('Network or Internet');
    await expect(report).toContainText(NOTES);
    await expect(report).toContainText(/Restarting your box or router/);
  }

  // The HTML export from the user's side.
  const report = user.page.getByTestId('session-report');
  const [html] = await Promise.all([user.page.waitForEvent('download'), report.getByRole('button', { name: /save as html/i }).click()]);
  const htmlPath = testInfo.outputPath('report.html');
  await html.saveAs(htmlPath);
  const htmlText = await readFile(htmlPath, 'utf8');
  expect(htmlText).toContain(NOTES);
  expect(htmlText).not.toContain('<script');
  // The PDF from the consultant's side, which holds the screenshot's picture (the user's lists it only).
  const consultantReport = consultant.page.getByTestId('session-report');
  const [pdf] = await Promise.all([consultant.page.waitForEvent('download'), consultantReport.getByRole('button', { name: /save as pdf/i }).click()]);
  const pdfPath = testInfo.outputPath('report.pdf');
  await pdf.saveAs(pdfPath);
  const pdfBytes = await readFile(pdfPath);
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Read back as a PDF reader extracts it: the fonts were fetched from the app's own origin.
  const reading = await readPdf(new Uint8Array(pdfBytes));
  expect(reading.pages.flat()).toContain(NOTES);
  expect(reading.pages.flat()).toContain('Network or Internet');
  expect(reading.pages.flat().filter((line) => line.startsWith('Screenshot 1: '))).toHaveLength(1);
  expect(reading.pictures.reduce((sum, count) => sum + count, 0)).toBe(1);
});
