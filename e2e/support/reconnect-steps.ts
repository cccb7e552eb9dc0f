import { expect } from '@playwright/test';
import type { AppWindow } from './app-window';

/** Frames the consultant's video has decoded so far. */
export function decodedFrames(consultant: AppWindow): Promise<number> {
  return consultant.remoteVideo.evaluate((element) => (element as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames);
}

/** The consultant's video keeps decoding new frames (the media path works). */
export async function expectFramesAdvance(consultant: AppWindow, by = 5, timeout = 15_000): Promise<void> {
  const start = await decodedFrames(consultant);
  await expect.poll(() => decodedFrames(consultant), { timeout }).toBeGreaterThanOrEqual(start + by);
}

/** Which connection notice the window shows ('none' when all is well). */
export async function expectNotice(app: AppWindow, kind: string, timeout = 20_000): Promise<void> {
  await expect(app.page.getByTestId('connection-notice').first()).toHaveAttribute('data-kind', kind, { timeout });
}

/** One chat line from `from`, seen by `to`. */
export async function chat(from: AppWindow, to: AppWindow, text: string): Promise<void> {
  const panel = from.page.getByTestId('chat');
  await panel.getByLabel(/your message/i).fill(text);
  await panel.getByRole('button', { name: /^send$/i }).click();
  await expect(to.page.getByTestId('chat').getByTestId('chat-entry').filter({ hasText: text })).toHaveCount(1);
}
