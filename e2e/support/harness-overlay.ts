import { spawnSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import type { OverlaySurface } from '../../electron/services/overlay';
import type { OverlayMessage, OverlayPageEvent, OverlayPoint } from '../../shared/overlay';
import { launchChromium, type LaunchedChromium, type WindowPlacement } from './chromium';

export interface HarnessOverlay {
  surface: OverlaySurface;
  /** The overlay's page, once the first drawing opened it. */
  page(): Page | null;
  dispose(): Promise<void>;
}

interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Stands in for Electron's overlay window: the built overlay page in its own Chromium window,
 * opened on the first drawing. Xvfb has no compositor and the window covers only `placement`,
 * not the whole screen, so it is opaque and each point is remapped from the shared screen into
 * the page's own area, measured with a real X pointer move (as TargetPage does).
 */
export function createHarnessOverlay(appOrigin: string, placement: WindowPlacement, screen: { width: number; height: number }): HarnessOverlay {
  let browser: LaunchedChromium | null = null;
  let page: Page | null = null;
  let ready: Promise<{ page: Page; region: Region }> | null = null;

  const open = async () => {
    browser = await launchChromium(placement);
    await browser.context.addInitScript({
      content: `(() => {
        const listeners = new Set();
        Object.defineProperty(window, '__tandemOverlayEvent', { value: (event) => listeners.forEach((listener) => listener(event)) });
        Object.defineProperty(window, 'tandem', { value: Object.freeze({ events: Object.freeze({ subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)) }) }) });
      })();`,
    });
    const opened = browser.context.pages()[0] ?? (await browser.context.newPage());
    await opened.goto(`${appOrigin}/overlay.html`);
    await opened.evaluate(() => window.addEventListener('mousemove', (event) => Object.assign(window, { __lastMove: { sx: event.screenX, sy: event.screenY, cx: event.clientX, cy: event.clientY } })));
    spawnSync('xdotool', ['mousemove', String(placement.x + placement.width / 2), String(placement.y + placement.height - 40)], { env: process.env });
    await expect.poll(() => opened.evaluate(() => (window as unknown as { __lastMove?: unknown }).__lastMove ?? null)).not.toBeNull();
    const region = await opened.evaluate(() => {
      const move = (window as unknown as { __lastMove: { sx: number; sy: number; cx: number; cy: number } }).__lastMove;
      return { x: move.sx - move.cx, y: move.sy - move.cy, width: window.innerWidth, height: window.innerHeight };
    });
    page = opened;
    return { page: opened, region };
  };

  const clamp = (value: number) => Math.max(0, Math.min(1, value));
  const remap = (point: OverlayPoint, region: Region): OverlayPoint => ({
    x: clamp((point.x * screen.width - region.x) / region.width),
    y: clamp((point.y * screen.height - region.y) / region.height),
  });
  const remapMessage = (message: OverlayMessage, region: Region): OverlayMessage => {
    if (message.t === 'overlay.pointer') return { t: message.t, ...remap(message, region) };
    if (message.t === 'overlay.stroke') return { ...message, points: message.points.map((point) => remap(point, region)) };
    return message;
  };

  const surface: OverlaySurface = {
    send(event: OverlayPageEvent) {
      if (!ready) return;
      void ready
        .then(({ page: target, region }) => {
          const payload = event.type === 'overlay.event' ? { ...event, message: remapMessage(event.message, region) } : event;
          return target.evaluate((value) => (window as unknown as { __tandemOverlayEvent(event: unknown): void }).__tandemOverlayEvent(value), payload);
        })
        .catch(() => undefined);
    },
    setVisible(visible) {
      if (visible) ready ??= open();
    },
  };
  return {
    surface,
    page: () => page,
    dispose: async () => {
      await ready?.catch(() => undefined);
      await browser?.dispose();
    },
  };
}
