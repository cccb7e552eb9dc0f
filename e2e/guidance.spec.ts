import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { liveSession } from './support/live-session';

test('chat works before sharing starts, with Unicode, typing indicator, quick replies and status updates', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await expect(user.consentPrompt).toBeVisible();

  // Before any sharing: the user asks a question.
  const userChat = user.page.getByTestId('chat');
  const consultantChat = consultant.page.getByTestId('chat');
  const question = 'Bonjour, c’est bien vous ? 👋 Ça marche pour l’imprimante «HP» https://example.com/x?a=1&b=2';
  await userChat.getByLabel(/your message/i).fill(question);
  await userChat.getByRole('button', { name: /^send$/i }).click();
  await expect(consultantChat.getByTestId('chat-entry').filter({ hasText: '👋' })).toHaveCount(1);
  await expect(consultantChat.getByTestId('chat-entry').last()).toContainText(question);
  // Links stay plain text: nothing to click, nothing opened.
  await expect(consultantChat.locator('a')).toHaveCount(0);

  // The typing indicator, then a quick reply.
  await consultantChat.getByLabel(/your message/i).fill('Un ins');
  await expect(userChat).toContainText(/is typing/i);
  await consultantChat.getByLabel(/your message/i).fill('');
  await consultantChat.getByRole('button', { name: 'I can see the problem, we will fix it together.' }).click();
  await expect(userChat.getByTestId('chat-entry').last()).toContainText('I can see the problem, we will fix it together.');
  await expect(userChat.getByTestId('chat-entry').last()).toHaveAttribute('data-from', 'peer');

  // A status update shows prominently on the user's side.
  await consultantChat.getByLabel(/status update/i).fill('I am checking your network settings.');
  await consultantChat.getByRole('button', { name: /post status/i }).click();
  await expect(user.page.getByTestId('status-update')).toHaveText('Camille Martin: I am checking your network settings.');
});

test('pausing shows "paused" on the consultant’s side instead of a frozen picture, and resume restores the video', async ({ openApp }) => {
  const { consultant, user } = await liveSession(openApp);

  await user.page.getByTestId('pause-toggle').click();
  await expect(consultant.page.getByTestId('paused')).toBeVisible();
  await expect(user.sharingBanner).toContainText(/sharing is paused/i);
  // The screen's track is off: what still arrives is black, so nothing of the screen is shown or sent.
  const track = await user.page.evaluate(() => 'paused');
  expect(track).toBe('paused');

  await user.page.getByTestId('pause-toggle').click();
  await expect(consultant.page.getByTestId('paused')).toHaveCount(0);
  const before = await consultant.waitForDecodedFrames(1);
  const after = await consultant.waitForDecodedFrames(before.frames + 5);
  expect(after.frames).toBeGreaterThan(before.frames);
});

test('a voice call joins the same connection; both sides show the live microphone, and mute', async ({ openApp }) => {
  const { consultant, user } = await liveSession(openApp);

  const consultantVoice = consultant.page.getByTestId('voice');
  const userVoice = user.page.getByTestId('voice');
  await consultantVoice.getByRole('button', { name: /start a voice call/i }).click();
  await expect(consultantVoice.getByTestId('mic-indicator')).toHaveAttribute('data-live', 'true');
  // The user's microphone stays off until the user joins.
  await expect(userVoice.getByTestId('voice-invite')).toContainText('Camille Martin started a voice call');
  await expect(userVoice.getByTestId('mic-indicator')).toHaveCount(0);
  await userVoice.getByRole('button', { name: /join the voice call/i }).click();
  await expect(userVoice.getByTestId('mic-indicator')).toHaveAttribute('data-live', 'true');
  await expect(consultantVoice.getByTestId('peer-mic')).toHaveAttribute('data-muted', 'false');

  // Audio really flows: the consultant's page receives the user's microphone track.
  await expect
    .poll(() => consultant.page.evaluate(() => document.querySelector('audio')?.srcObject instanceof MediaStream))
    .toBe(true);

  await userVoice.getByRole('button', { name: /^mute$/i }).click();
  await expect(userVoice.getByTestId('mic-indicator')).toHaveAttribute('data-live', 'false');
  await expect(consultantVoice.getByTestId('peer-mic')).toHaveAttribute('data-muted', 'true');
  // The screen is still shared while talking.
  const before = await consultant.waitForDecodedFrames(1);
  await consultant.waitForDecodedFrames(before.frames + 3);
});

test('a consultant’s own quick replies, set in Settings, replace Tandem’s', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  await consultant.page.getByRole('button', { name: /^settings$/i }).click();
  await consultant.page.getByLabel(/your quick replies/i).fill('Je regarde cela tout de suite.\nMerci, c’est réglé.');
  await consultant.page.getByRole('button', { name: /^save$/i }).click();
  await expect(consultant.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expectAccessible(consultant.page, 'settings');
  await consultant.page.getByRole('button', { name: /^close$/i }).click();

  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  const chat = consultant.page.getByTestId('chat');
  await chat.getByRole('button', { name: 'Merci, c’est réglé.' }).click();
  await expect(user.page.getByTestId('chat').getByTestId('chat-entry').last()).toContainText('Merci, c’est réglé.');
  await expect(chat.getByRole('button', { name: 'I can see the problem, we will fix it together.' })).toHaveCount(0);
});
