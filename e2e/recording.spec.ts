import { expectAccessible } from './support/accessibility';
import { SCREEN } from './support/global-setup';
import { expect, test } from './support/fixtures';
import { liveSession } from './support/live-session';

type Rgb = [number, number, number];

/** The user's "desktop" shows one solid colour, the marker the recording must have kept. */
const showColour = (colour: string) => (document.getElementById('scene') as HTMLElement).style.setProperty('background', colour);

/** The colour at a point of the shared screen in a video element's current frame. */
function colourAt(element: HTMLVideoElement, { point, screen }: { point: { x: number; y: number }; screen: { width: number; height: number } }): Rgb {
  const canvas = document.createElement('canvas');
  canvas.width = element.videoWidth;
  canvas.height = element.videoHeight;
  const context = canvas.getContext('2d');
  if (!context || element.videoWidth === 0) return [0, 0, 0];
  context.drawImage(element, 0, 0);
  const [r = 0, g = 0, b = 0] = context.getImageData(Math.round((point.x / screen.width) * element.videoWidth), Math.round((point.y / screen.height) * element.videoHeight), 1, 1).data;
  return [r, g, b];
}

const isRed = ([r, g, b]: Rgb) => r > 170 && g < 90 && b < 90;
const isBlue = ([r, g, b]: Rgb) => b > 170 && r < 90 && g < 90;

test('a consented recording is made through the real server, stopped by the person, and plays back what was shown', async ({ openApp, target }) => {
  // A small ticking counter in a corner keeps frames coming (a still screen sends almost none), away from where the colour is read.
  await target.page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<div id="scene" style="position:fixed;inset:0;background:rgb(255,0,0)"><span id="tick" style="position:absolute;left:4px;top:4px;font:20px monospace;color:#fff">0</span></div>');
    let n = 0;
    setInterval(() => ((document.getElementById('tick') as HTMLElement).textContent = String((n += 1))), 100);
  });
  const { consultant, user } = await liveSession((role) => openApp(role));

  // The consultant asks; the person answers in the host's prompt (the native dialog's stand-in).
  await consultant.button(/record the session/i).click();
  await user.host.recordingPrompt.answer(true);
  expect(user.host.recordingPrompt.asked).toEqual([{ consultantName: 'Camille Martin', required: false }]);
  const indicator = user.page.getByTestId('recording-indicator');
  await expect(indicator.getByRole('status')).toContainText('Camille Martin is recording this session');
  await expect(consultant.page.getByTestId('recording-controls')).toHaveAttribute('data-phase', 'on');
  await expectAccessible(user.page, 'sharing while recorded');

  // What the consultant is shown: red for a while, then blue, and a chat message in between for the timeline.
  const marker = { point: await target.screenCentre('#scene'), screen: SCREEN };
  const shown = () => consultant.remoteVideo.evaluate(colourAt, marker);
  await expect.poll(async () => isRed(await shown())).toBe(true);
  await user.page.waitForTimeout(1000);
  await target.page.evaluate(showColour, 'rgb(0,0,255)');
  await expect.poll(async () => isBlue(await shown())).toBe(true);
  const userChat = user.page.getByTestId('chat');
  await userChat.getByLabel(/your message/i).fill('Le bleu, c’est maintenant');
  await userChat.getByRole('button', { name: /^send$/i }).click();
  // The recorder's encoder may run seconds behind the live view on a busy machine, and what it
  // has not encoded when recording stops is not in the file: give it time to catch up.
  await user.page.waitForTimeout(4000);

  // One click on the person's side stops the consultant's recorder.
  await indicator.getByRole('button', { name: /stop recording/i }).click();
  await expect(indicator.getByRole('status')).toContainText('Recording stopped');
  await expect(consultant.page.getByTestId('recording-status')).toHaveAttribute('data-outcome', 'stopped-by-user');

  await consultant.button(/end session/i).click();
  await consultant.waitForEnd('you-ended');
  await consultant.button(/back to start/i).click();
  await consultant.button(/past sessions/i).click();
  const entry = consultant.page.getByTestId('recording-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('·');
  await expectAccessible(consultant.page, 'past sessions with a recording');
  await entry.getByRole('button', { name: /^play the recording/i }).click();
  const player = consultant.page.getByTestId('recording-player');
  await expect(player.getByTestId('recording-timeline')).toContainText('The person: Le bleu, c’est maintenant');

  // Decode the recorded frames and read the colour where the marker was on the shared screen.
  const samples = await player.getByTestId('recording-video').evaluate(
    (element, { point, screen }) =>
      new Promise<Rgb[]>((resolve, reject) => {
        const video = element as HTMLVideoElement;
        const canvas = document.createElement('canvas');
        const context = canvas.getContext('2d', { willReadFrequently: true });
        const seen: Rgb[] = [];
        const timer = setTimeout(() => reject(new Error(`playback did not end (${seen.length} frames, ${video.error?.message ?? 'no error'})`)), 15_000);
        const sample = () => {
          if (!context || video.videoWidth === 0) return;
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          const x = Math.round((point.x / screen.width) * video.videoWidth);
          const y = Math.round((point.y / screen.height) * video.videoHeight);
          const [r = 0, g = 0, b = 0] = context.getImageData(x, y, 1, 1).data;
          seen.push([r, g, b]);
        };
        const onFrame = () => {
          sample();
          if (!video.ended) video.requestVideoFrameCallback(onFrame);
        };
        video.addEventListener('ended', () => {
          clearTimeout(timer);
          resolve(seen);
        });
        // The player starts on its own: play it again from the start, sampling every frame.
        video.pause();
        video.addEventListener(
          'seeked',
          () => {
            video.playbackRate = 2;
            video.requestVideoFrameCallback(onFrame);
            void video.play();
          },
          { once: true },
        );
        video.currentTime = 0;
      }),
    marker,
  );
  const firstRed = samples.findIndex(isRed);
  const firstBlue = samples.findIndex(isBlue);
  expect(firstRed, JSON.stringify(samples)).toBeGreaterThanOrEqual(0);
  expect(firstBlue, JSON.stringify(samples)).toBeGreaterThan(firstRed);
  // Once blue was shown, red never comes back: the frames are in the order they were shown.
  expect(samples.slice(firstBlue).some(isRed)).toBe(false);
});
