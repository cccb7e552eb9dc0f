import { spawnSync } from 'node:child_process';
import { expect, test } from './support/fixtures';
import { grantControl } from './support/control-steps';

function pointer(): { x: number; y: number } {
  const out = spawnSync('xdotool', ['getmouselocation', '--shell'], { env: process.env, encoding: 'utf8' }).stdout;
  return { x: Number(/X=(\d+)/.exec(out)?.[1]), y: Number(/Y=(\d+)/.exec(out)?.[1]) };
}

test('several monitors: the user picks one, the consultant asks for the other, the user agrees, and the session goes on', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user', { twoMonitors: true });
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  // The in-app picker lists both monitors.
  await user.button(/share screen 1/i).click();
  await consultant.waitForDecodedFrames(3);
  expect(user.host.capture.sharedBounds()).toEqual({ x: 0, y: 0, width: 640, height: 800 });

  // The consultant sees both and asks for Screen 2; the user is asked and agrees.
  const switcher = consultant.page.getByTestId('screen-switcher');
  await expect(switcher).toContainText('Screen 1 (shared now)');
  await switcher.getByRole('button', { name: /ask to see this screen/i }).click();
  const request = user.page.getByTestId('screen-request');
  await expect(request).toContainText('Camille Martin asks to see another of your screens: Screen 2.');
  await request.getByRole('button', { name: /share screen 2/i }).click();

  await expect(switcher).toContainText('Screen 2 (shared now)');
  expect(user.host.capture.sharedBounds()).toEqual({ x: 640, y: 0, width: 640, height: 800 });
  // Same session, same connection: video keeps coming, nothing ended.
  const before = await consultant.waitForDecodedFrames(1);
  await consultant.waitForDecodedFrames(before.frames + 5);
  await expect(user.sharingBanner).toBeVisible();

  // Control now lands on Screen 2: the middle of the picture is the middle of that monitor.
  await grantControl(consultant, user);
  const video = await consultant.remoteVideo.boundingBox();
  if (!video) throw new Error('no video');
  await consultant.page.mouse.move(video.x + video.width / 2, video.y + video.height / 2);
  await expect.poll(pointer).toEqual({ x: 960, y: 400 });
});
