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

  // Exports from the user's side.
  const report = user.page.getByTestId('session-report');
  const [html] = await Promise.all([user.page.waitForEvent('download'), report.getByRole('button', { name: /save as html/i }).click()]);
  const htmlPath = testInfo.outputPath('report.html');
  await html.saveAs(htmlPath);
  const htmlText = await readFile(htmlPath, 'utf8');
  expect(htmlText).toContain(NOTES);
  expect(htmlText).not.toContain('<script');
  const [pdf] = await Promise.all([user.page.waitForEvent('download'), report.getByRole('button', { name: /save as pdf/i }).click()]);
  const pdfPath = testInfo.outputPath('report.pdf');
  await pdf.saveAs(pdfPath);
  const pdfBytes = await readFile(pdfPath);
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Read back as a PDF reader extracts it: the fonts were fetched from the app's own origin.
  const reading = await readPdf(new Uint8Array(pdfBytes));
  expect(reading.pages.flat()).toContain(NOTES);
  expect(reading.pages.flat()).toContain('Network or Internet');
});
