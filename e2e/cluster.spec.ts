import { startCluster, type Cluster } from './support/cluster';
import { expect, test } from './support/fixtures';
import { chat, expectFramesAdvance, expectNotice } from './support/reconnect-steps';

let cluster: Cluster;
test.beforeEach(async () => {
  cluster = await startCluster();
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('cluster.log', { body: cluster.logs() });
  await cluster.close();
});

test('the main session through HAProxy over two instances on Redis and PostgreSQL; an instance killed mid-session: its members resume on the other', async ({ openApp }) => {
  const consultant = await openApp('consultant', { server: cluster });
  const user = await openApp('user', { server: cluster });
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await expect(user.consentPrompt).toBeVisible();
  await user.button(/allow screen sharing/i).click();
  await consultant.waitForDecodedFrames(3);
  await chat(user, consultant, 'Hello through the balancer');
  await chat(consultant, user, 'I can see your screen');

  // Both signaling sockets are held by the instances behind the proxy (one each, or both on one).
  await expect.poll(async () => (await cluster.connections()).reduce((sum, n) => sum + n, 0)).toBe(2);
  const [onA] = await cluster.connections();
  const victim = cluster.instances[onA > 0 ? 0 : 1];
  await victim.crash();

  // The peer link does not need the server; the members it held come back through the proxy.
  await expectFramesAdvance(consultant);
  await expectNotice(consultant, 'none', 30_000);
  await expectNotice(user, 'none', 30_000);
  await expect.poll(async () => (await cluster.connections()).reduce((sum, n) => sum + n, 0), { timeout: 30_000 }).toBe(2);
  await chat(user, consultant, 'Still there?');
  await chat(consultant, user, 'Yes, nothing was lost');
  await expect(user.page.getByTestId('chat').getByTestId('chat-entry').filter({ hasText: 'Hello through the balancer' })).toHaveCount(1);
});
