import { startCoturn, type Coturn } from './support/coturn';
import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { expectControlAskedAgain, grantControl } from './support/control-steps';
import { chat, expectFramesAdvance, expectNotice } from './support/reconnect-steps';

let coturn: Coturn;
test.beforeAll(async () => {
  coturn = await startCoturn();
});
test.afterAll(async () => {
  await coturn.stop();
});

const CUT_MS = 5000;

test('the relay goes away for a few seconds: both apps say so, the video comes back by itself, chat goes on, control needs a fresh yes', async ({ startServer, openApp }) => {
  // Relay only: every packet between the apps goes through coturn, so stopping it cuts the path.
  const server = await startServer({
    rtc: { iceServers: [], iceTransportPolicy: 'relay', candidateFilter: 'loopback' },
    turnRest: { urls: [coturn.url], secret: coturn.secret },
  });
  const consultant = await openApp('consultant', { server });
  const user = await openApp('user', { server });
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  await consultant.waitForDecodedFrames(3);
  await expect(consultant.page.getByTestId('route')).toContainText(/relayed/i);
  await chat(user, consultant, 'Before the cut');
  await grantControl(consultant, user);

  const cutAt = Date.now();
  await coturn.halt();
  await expectNotice(consultant, 'link-lost');
  await expectNotice(user, 'link-lost');
  await expect(user.page.getByTestId('connection-notice').getByRole('status')).toHaveText('Connection lost, reconnecting…');
  await expectAccessible(user.page, 'connection lost');
  // Control stopped with the path (the dead-man switch, and the user's app itself).
  await expect(user.page.getByTestId('control-banner')).toHaveCount(0);
  await expect(consultant.page.getByTestId('control-state')).not.toHaveText(/you are in control/i);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, CUT_MS - (Date.now() - cutAt))));
  await coturn.start();

  // The offering side restarts ICE through the new relay; nobody has to do anything.
  await expectNotice(consultant, 'none', 45_000);
  await expectNotice(user, 'none', 45_000);
  await expectFramesAdvance(consultant);

  // Control is asked for again, and comes back only with the user's yes.
  await expectControlAskedAgain(consultant, user);

  await expect(consultant.page.getByTestId('chat-entry').filter({ hasText: 'Before the cut' })).toHaveCount(1);
  await chat(user, consultant, 'Is it back?');
  await chat(consultant, user, 'Yes, I see your screen again');
});
