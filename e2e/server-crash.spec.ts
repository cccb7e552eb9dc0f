import { expect, test } from './support/fixtures';
import { expectControlAskedAgain, grantControl } from './support/control-steps';
import { chat, expectFramesAdvance, expectNotice } from './support/reconnect-steps';
import { startServerProcess, type ServerProcess } from './support/server-process';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await startServerProcess();
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server-process.log', { body: server.logs.join('\n') });
  await server.close();
});

test('the server crashes mid-session: the screen keeps coming, both apps resume, chat goes on, control needs a fresh yes', async ({ openApp }) => {
  const consultant = await openApp('consultant', { server });
  const user = await openApp('user', { server });
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  await consultant.waitForDecodedFrames(3);
  await chat(user, consultant, 'Before the crash');
  await grantControl(consultant, user);

  await server.crash();
  // The peer link does not need the server: frames keep decoding while it is down.
  await expectFramesAdvance(consultant);
  // Only once it lasts, both say quietly that they reconnect; control stopped meanwhile.
  await expectNotice(consultant, 'server');
  await expectNotice(user, 'server');
  await expect(consultant.page.getByTestId('control-state')).not.toHaveText(/you are in control/i);
  await expect(user.page.getByTestId('control-banner')).toHaveCount(0);

  await server.restart();
  await expectNotice(consultant, 'none');
  await expectNotice(user, 'none');
  await expect(consultant.page.getByTestId('remote-video')).toBeVisible();
  await expect(user.sharingBanner).toBeVisible();
  await expectFramesAdvance(consultant);

  // Control is asked for again and only comes back with the user's yes.
  await expectControlAskedAgain(consultant, user);

  // The chat from before is still there, and goes both ways on the resumed session.
  await expect(consultant.page.getByTestId('chat-entry').filter({ hasText: 'Before the crash' })).toHaveCount(1);
  await chat(user, consultant, 'Still there?');
  await chat(consultant, user, 'Yes, all good');
  expect(server.logs.join('\n')).not.toContain('resume-refused');
  expect(server.logs.join('\n')).toContain('session.resumed');
});
