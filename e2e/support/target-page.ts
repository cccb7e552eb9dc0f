import { spawnSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { launchChromium, type LaunchedChromium, type WindowPlacement } from './chromium';

/** The user's "desktop": a page on the X display that records what lands on it. */
const TARGET_HTML = `<!doctype html><html><head><title>Target</title></head>
<body style="margin:0;font:16px sans-serif;background:#fff">
  <button id="target" style="position:absolute;left:240px;top:30px;width:120px;height:56px">Target</button>
  <input id="field" style="position:absolute;left:20px;top:110px;width:420px;font-size:18px" autocomplete="off">
  <div id="scroller" style="position:absolute;left:20px;top:160px;width:420px;height:110px;overflow:auto;border:1px solid #888">
    <div style="height:4000px;background:linear-gradient(#fff,#8ad)">scroll me</div>
  </div>
  <script>
    window.__clicks = [];
    document.getElementById('target').addEventListener('click', (event) => window.__clicks.push({ x: event.clientX, y: event.clientY }));
    window.addEventListener('mousemove', (event) => { window.__lastMove = { sx: event.screenX, sy: event.screenY, cx: event.clientX, cy: event.clientY }; });
  </script>
</body></html>`;

export interface ScreenPoint {
  x: number;
  y: number;
}

export class TargetPage {
  private constructor(
    readonly page: Page,
    private readonly browser: LaunchedChromium,
    /** Screen position of the page's (0,0), measured through a real X pointer move. */
    private readonly origin: ScreenPoint,
  ) {}

  static async open(placement: WindowPlacement): Promise<TargetPage> {
    const browser = await launchChromium(placement);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.setContent(TARGET_HTML);
    // Calibrate: move the real X pointer into the page with xdotool and read where the page saw it.
    const probe = { x: placement.x + 200, y: placement.y + placement.height - 60 };
    spawnSync('xdotool', ['mousemove', String(probe.x), String(probe.y)], { env: process.env });
    await expect.poll(() => page.evaluate(() => (window as unknown as { __lastMove?: unknown }).__lastMove ?? null)).not.toBeNull();
    const move = await page.evaluate(() => (window as unknown as { __lastMove: { sx: number; sy: number; cx: number; cy: number } }).__lastMove);
    return new TargetPage(page, browser, { x: move.sx - move.cx, y: move.sy - move.cy });
  }

  /** Screen coordinates of an element's centre. */
  async screenCentre(selector: string): Promise<ScreenPoint> {
    const box = await this.page.locator(selector).boundingBox();
    if (!box) throw new Error(`${selector} is not visible`);
    return { x: this.origin.x + box.x + box.width / 2, y: this.origin.y + box.y + box.height / 2 };
  }

  /** Client (page) coordinates of an element's centre. */
  async clientCentre(selector: string): Promise<ScreenPoint> {
    const box = await this.page.locator(selector).boundingBox();
    if (!box) throw new Error(`${selector} is not visible`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  clicks(): Promise<ScreenPoint[]> {
    return this.page.evaluate(() => (window as unknown as { __clicks: { x: number; y: number }[] }).__clicks);
  }

  fieldValue(): Promise<string> {
    return this.page.locator('#field').inputValue();
  }

  scrollTop(): Promise<number> {
    return this.page.locator('#scroller').evaluate((element) => element.scrollTop);
  }

  dispose(): Promise<void> {
    return this.browser.dispose();
  }
}
