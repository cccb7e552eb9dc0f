import { expect, type Locator, type Page } from '@playwright/test';
import { formatSessionCode } from '../../shared/session-code';
import type { LaunchedChromium } from './chromium';
import type { HarnessHost } from './host-harness';
import { pointInContainedVideo } from './letterbox';

/** One running copy of the app (a Chromium window), with typed steps for each role. */
export class AppWindow {
  constructor(
    readonly page: Page,
    /** The stand-in for this app's main process (handler table, control service, consent prompt). */
    readonly host: HarnessHost,
    readonly browser: LaunchedChromium,
  ) {}

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name });
  }

  get problem(): Locator {
    return this.page.getByTestId('problem');
  }

  get ended(): Locator {
    return this.page.getByTestId('session-ended');
  }

  async waitForEnd(reason: string): Promise<void> {
    await expect(this.ended).toBeVisible();
    await expect(this.ended).toHaveAttribute('data-reason', reason);
  }

  // ---- consultant ----

  /** Starts a session as consultant and returns the code shown for reading aloud. */
  async startSession(name: string): Promise<string> {
    await this.button(/give help/i).click();
    await this.page.getByLabel(/your name/i).fill(name);
    await this.button(/start session/i).click();
    const codeElement = this.page.getByTestId('session-code');
    await expect(codeElement).toBeVisible();
    const code = await codeElement.getAttribute('data-code');
    if (!code) throw new Error('no session code shown');
    // Shown grouped for reading aloud.
    await expect(codeElement).toHaveText(formatSessionCode(code));
    return code;
  }

  get remoteVideo(): Locator {
    return this.page.getByTestId('remote-video');
  }

  /** Waits until the consultant's video has decoded real frames, and returns their size and count. */
  async waitForDecodedFrames(minFrames: number): Promise<{ width: number; height: number; frames: number }> {
    const handle = await this.remoteVideo.elementHandle();
    if (!handle) throw new Error('no remote video element');
    await this.page.waitForFunction(
      ([video, min]) => (video as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames >= min,
      [handle, minFrames] as const,
      { timeout: 20_000 },
    );
    return handle.evaluate((element) => {
      const video = element as HTMLVideoElement;
      return { width: video.videoWidth, height: video.videoHeight, frames: video.getVideoPlaybackQuality().totalVideoFrames };
    });
  }

  /** Page coordinates on the consultant's video that show the given point of the user's screen. */
  async videoPointFor(screen: { x: number; y: number }, screenSize: { width: number; height: number }): Promise<{ x: number; y: number }> {
    await this.remoteVideo.scrollIntoViewIfNeeded();
    const box = await this.remoteVideo.boundingBox();
    if (!box) throw new Error('no remote video');
    return pointInContainedVideo(box, screen, screenSize);
  }

  get controlState(): Locator {
    return this.page.getByTestId('control-toolbar');
  }

  /** Sends a raw message on the data channel, bypassing the app: the consultant as a hostile peer. */
  async sendRawOnDataChannel(message: unknown): Promise<void> {
    await this.page.evaluate((payload) => {
      const channels = (window as unknown as { __testDataChannels: RTCDataChannel[] }).__testDataChannels;
      const open = channels.find((channel) => channel.readyState === 'open');
      if (!open) throw new Error('no open data channel');
      open.send(JSON.stringify(payload));
    }, message);
  }

  // ---- user ----

  async enterCode(typed: string): Promise<void> {
    await this.button(/get help/i).click();
    await this.page.getByLabel(/session code/i).fill(typed);
    await this.button(/^continue$/i).click();
  }

  get consentPrompt(): Locator {
    return this.page.getByTestId('consent-prompt');
  }

  get sharingBanner(): Locator {
    return this.page.getByTestId('sharing-banner');
  }
}
