/**
 * The person's app on a real Wayland desktop (headless GNOME: mutter, xdg-desktop-portal-gnome,
 * PipeWire): after Tandem's own explanation, the desktop's ScreenCast dialog opens, the test
 * answers it the way a person would (clicks through Mutter's D-Bus API), and the consultant, on
 * the X display as usual, decodes frames of that Wayland screen.
 */
import { startGnomeDesktop, MONITOR, type GnomeDesktop } from '../electron/test/gnome-desktop';
import { openMutterHand, isAccentBlue, type MutterHand, type Rgb } from '../electron/test/mutter-hand';
import { expect, test } from './support/fixtures';

// GNOME 43's "Share screen" dialog on a 1280x800 monitor (RECIPES "Wayland").
const DIALOG = { monitorRow: [640, 426], share: [852, 272] } as const;
const isDialogBody = ([r, g, b]: Rgb) => r > 200 && g > 200 && b > 200;

let desktop: GnomeDesktop | null = null;
let hand: MutterHand | null = null;
let cannotStart = '';

test.beforeAll(async () => {
  try {
    desktop = await startGnomeDesktop();
    hand = await openMutterHand(desktop.busAddress, desktop.env);
  } catch (error) {
    cannotStart = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[wayland.spec] skipped: the headless GNOME desktop could not start: ${cannotStart}\n`);
  }
});

test.afterAll(async () => {
  hand?.close();
  await desktop?.stop();
});

test('on a Wayland desktop the person shares through the desktop’s own dialog, explained first, and the consultant sees that screen', async ({ openApp }) => {
  test.skip(!desktop || !hand, `the headless GNOME desktop could not start: ${cannotStart}`);
  if (!desktop || !hand) return;
  const consultant = await openApp('consultant');
  const user = await openApp('user', { waylandEnv: desktop.env });

  const code = await consultant.startSession('Camille Martin');
  await user.enterCode(code);
  await user.button(/allow screen sharing/i).click();

  // Tandem explains the desktop's window before it opens; nothing is shared yet.
  await expect(user.page.getByRole('heading', { name: /your desktop will ask which screen to share/i })).toBeVisible();
  await expect(user.page.getByText(/a window from your desktop \(not from Tandem\)/i)).toBeVisible();
  await user.button(/^continue$/i).click();

  // The desktop's own ScreenCast dialog: pick the monitor, then Share. Chromium resolves
  // getDisplayMedia as the dialog opens; Tandem waits for the first frame, so while the person
  // chooses there it says what to do, and not yet that the consultant can see the screen.
  const [rowX, rowY] = DIALOG.monitorRow;
  const [shareX, shareY] = DIALOG.share;
  await hand.waitForPixel(rowX, rowY, isDialogBody, 15_000);
  await expect(user.page.getByRole('heading', { name: /choose the screen in your desktop’s window/i })).toBeVisible();
  await expect(user.sharingBanner).toBeHidden();
  await hand.click(rowX, rowY);
  await hand.waitForPixel(shareX, shareY, isAccentBlue);
  await hand.click(shareX, shareY);

  await expect(user.sharingBanner).toContainText('Camille Martin can see your screen');
  const decoded = await consultant.waitForDecodedFrames(10);
  expect(decoded).toMatchObject({ width: MONITOR.width, height: MONITOR.height });
  // GNOME's blue wallpaper, not the X display's black: these frames come from the Wayland desktop.
  const corner = await consultant.remoteVideo.evaluate((element) => {
    const video = element as HTMLVideoElement;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d');
    context?.drawImage(video, 0, 0);
    return Array.from(context?.getImageData(4, canvas.height - 4, 1, 1).data ?? []);
  });
  const [red = 0, , blue = 0] = corner;
  expect(blue).toBeGreaterThan(red + 30);

  await user.button(/stop sharing/i).click();
  await user.waitForEnd('you-ended');
  await consultant.waitForEnd('peer-left');
});
