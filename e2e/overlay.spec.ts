import type { AppWindow } from './support/app-window';
import { expect, test, PLACEMENT } from './support/fixtures';
import { SCREEN } from './support/global-setup';

interface ScreenPoint {
  x: number;
  y: number;
}

/** Whether the consultant's decoded video shows the stroke's magenta near a point of the user's screen. */
async function magentaInVideoAt(consultant: AppWindow, screen: ScreenPoint): Promise<boolean> {
  return consultant.remoteVideo.evaluate((element, [point, size]) => {
    const video = element as HTMLVideoElement;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context || !canvas.width) return false;
    context.drawImage(video, 0, 0);
    const x = Math.round((point.x * canvas.width) / size.width);
    const y = Math.round((point.y * canvas.height) / size.height);
    // A small window around the point: the overlay's own offset is measured, not exact, and the codec blurs edges.
    const { data } = context.getImageData(x - 10, y - 10, 21, 21);
    for (let index = 0; index < data.length; index += 4) {
      const [r = 0, g = 0, b = 0] = [data[index], data[index + 1], data[index + 2]];
      if (r > 170 && b > 170 && g < 110) return true;
    }
    return false;
  }, [screen, SCREEN] as const);
}

/** Drags across the consultant's video between two points of the user's screen. */
async function drag(consultant: AppWindow, from: ScreenPoint, to: ScreenPoint): Promise<void> {
  const start = await consultant.videoPointFor(from, SCREEN);
  const end = await consultant.videoPointFor(to, SCREEN);
  await consultant.page.mouse.move(start.x, start.y);
  await consultant.page.mouse.down();
  await consultant.page.mouse.move(end.x, end.y, { steps: 12 });
  await consultant.page.mouse.up();
}

test('drawing: a stroke the consultant draws appears on the user’s real screen, fades, and the user can hide drawings', async ({ openApp }) => {
  const consultant = await openApp('consultant');
  const user = await openApp('user');
  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();
  await consultant.waitForDecodedFrames(5);

  // View only: the consultant is not in control, yet can draw.
  await expect(consultant.page.getByTestId('control-state')).toHaveText(/view only/i);
  await consultant.button(/draw on their screen/i).click();
  await expect(consultant.page.getByTestId('draw-surface')).toBeVisible();

  // A horizontal stroke across the middle of the overlay's area (the bottom-left of the screen).
  const y = PLACEMENT.target.y + PLACEMENT.target.height / 2;
  const from = { x: PLACEMENT.target.x + 120, y };
  const to = { x: PLACEMENT.target.x + 520, y };
  const middle = { x: (from.x + to.x) / 2, y };
  expect(await magentaInVideoAt(consultant, middle)).toBe(false);
  await drag(consultant, from, to);
  await expect.poll(() => magentaInVideoAt(consultant, middle), { timeout: 10_000, intervals: [100] }).toBe(true);
  const seenAt = Date.now();
  // It fades on its own after a few seconds.
  await expect.poll(() => magentaInVideoAt(consultant, middle), { timeout: 8_000, intervals: [200] }).toBe(false);
  expect(Date.now() - seenAt).toBeGreaterThan(1_000);

  // The user hides the drawings: what the consultant draws then never shows.
  await user.page.getByTestId('hide-drawings').click();
  await expect(user.page.getByTestId('hide-drawings')).toHaveAttribute('aria-pressed', 'true');
  await drag(consultant, from, to);
  await consultant.page.waitForTimeout(1_500);
  expect(await magentaInVideoAt(consultant, middle)).toBe(false);

  // Shown again, drawings land again.
  await user.page.getByTestId('hide-drawings').click();
  await expect(user.page.getByTestId('hide-drawings')).toHaveAttribute('aria-pressed', 'false');
  await drag(consultant, from, to);
  await expect.poll(() => magentaInVideoAt(consultant, middle), { timeout: 10_000, intervals: [100] }).toBe(true);
});
