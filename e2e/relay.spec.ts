import { TestClient } from '../server/test-client';
import { startCoturn, type Coturn } from './support/coturn';
import { SCREEN } from './support/global-setup';
import { expect, test } from './support/fixtures';

let coturn: Coturn;
test.beforeAll(async () => {
  coturn = await startCoturn();
});
test.afterAll(async () => {
  await coturn.stop();
});

test('with iceTransportPolicy relay, the session goes through coturn on loopback', async ({ startServer, openApp }) => {
  const server = await startServer({
    rtc: { iceServers: [], iceTransportPolicy: 'relay', candidateFilter: 'loopback' },
    turnRest: { urls: [coturn.url], secret: coturn.secret },
  });
  // An anonymous socket learns no TURN credentials: the apps get theirs with the pairing (issue 15).
  const stranger = await TestClient.connect(server.wsUrl);
  expect((await stranger.next('hello')).rtc.iceServers).toEqual([]);
  await stranger.close();
  const consultant = await openApp('consultant', { server });
  const user = await openApp('user', { server });

  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();

  const decoded = await consultant.waitForDecodedFrames(5);
  expect(decoded).toMatchObject({ width: SCREEN.width, height: SCREEN.height });
  await expect(consultant.page.getByTestId('route')).toContainText(/relayed/i);
});
