import { TargetPage } from '../e2e/support/target-page';
import type { WindowPlacement } from '../e2e/support/chromium';

/**
 * The captured screen for the readability bench: 1920×1080 by default, the first case;
 * `BENCH_TEXT_SCREEN=2560x1440` runs its second one on a display of that size.
 */
export const TEXT_SCREEN = textScreen(process.env.BENCH_TEXT_SCREEN);

function textScreen(spec: string | undefined): { width: number; height: number } {
  if (!spec) return { width: 1920, height: 1080 };
  const match = /^(\d{3,4})x(\d{3,4})$/.exec(spec);
  if (!match) throw new Error(`BENCH_TEXT_SCREEN must look like 2560x1440, not "${spec}"`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

export type TextSceneMode = 'still' | 'typing' | 'scrolling';

/**
 * Where the windows sit: the scene fills the screen; the user's app (opened after it, so on
 * top) takes the bottom-right corner, away from the text; the consultant is off the screen.
 */
export const TEXT_PLACEMENT = {
  scene: { x: 0, y: 0, width: TEXT_SCREEN.width, height: TEXT_SCREEN.height },
  user: { x: TEXT_SCREEN.width - 640, y: TEXT_SCREEN.height - 400, width: 640, height: 400 },
  consultant: { x: TEXT_SCREEN.width, y: 0, width: 960, height: 800 },
} satisfies Record<string, WindowPlacement>;

const WORDS = ['printer', '192.168.1.24', 'C:\\Users\\Camille\\AppData\\Local\\Temp\\setup.log', 'offline', 'error 0x80070005', 'queue', 'driver 4.2.1', 'https://intranet.example/help?id=4471', 'Ctrl+Shift+Esc', 'spooler'];
const line = (i: number) => Array.from({ length: 9 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' · ');
const STILL_LINES = Array.from({ length: 34 }, (_, i) => `<div>${String(i + 1).padStart(2, '0')} ${line(i)}</div>`).join('');
const SCROLL_LINES = Array.from({ length: 400 }, (_, i) => `<div>${i} — ${line(i + 3)}</div>`).join('');

/**
 * 11-px text everywhere: a still block (what the consultant must read: an error, an address,
 * a path), a block typed into by script (~10 characters a second) and a long list scrolled
 * by 30 px a frame; the scene notes when it last scrolled.
 */
const SCENE_HTML = `<!doctype html><html><head><title>Text scene</title><style>
body{margin:0;font:11px sans-serif;color:#222;background:#fff;overflow:hidden}
#still{position:absolute;left:60px;top:50px;width:900px;height:480px;line-height:14px;overflow:hidden}
#typing{position:absolute;left:1000px;top:20px;width:880px;height:540px;font:11px monospace;white-space:pre-wrap;word-break:break-all;overflow:hidden;border:1px solid #ccc}
#scroller{position:absolute;left:60px;top:570px;width:900px;height:410px;overflow:hidden;line-height:14px;border:1px solid #ccc}
</style></head><body>
<div id="still">${STILL_LINES}</div><div id="typing"></div><div id="scroller">${SCROLL_LINES}</div>
<script>
const typing = document.getElementById('typing');
const scroller = document.getElementById('scroller');
const SOURCE = 'The printer in room 4 says offline again; its address is 192.168.1.24 and the log is in C:\\\\Temp\\\\setup.log. ';
let mode = 'still', typed = 0, typer = 0, lastScrollAt = 0;
function frame() {
  if (mode === 'scrolling') {
    scroller.scrollTop = scroller.scrollTop + 30 >= scroller.scrollHeight - scroller.clientHeight ? 0 : scroller.scrollTop + 30;
    lastScrollAt = Date.now();
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
window.__scene = { get lastScrollAt() { return lastScrollAt; }, setMode(next) {
  mode = next;
  clearInterval(typer);
  if (next === 'typing') typer = setInterval(() => { typing.textContent += SOURCE[typed++ % SOURCE.length]; if (typing.textContent.length > 4000) typing.textContent = ''; }, 100);
  return lastScrollAt;
} };
</script></body></html>`;

type SceneWindow = { __scene: { lastScrollAt: number; setMode(mode: string): number } };

export class TextScene {
  private constructor(readonly target: TargetPage) {}

  static async open(): Promise<TextScene> {
    const target = await TargetPage.open(TEXT_PLACEMENT.scene);
    await target.page.setContent(SCENE_HTML);
    return new TextScene(target);
  }

  /** Switches mode; returns when the page last scrolled (wall-clock ms, 0 if never). */
  setMode(mode: TextSceneMode): Promise<number> {
    return this.target.page.evaluate((next) => (window as unknown as SceneWindow).__scene.setMode(next), mode);
  }

  lastScrollAt(): Promise<number> {
    return this.target.page.evaluate(() => (window as unknown as SceneWindow).__scene.lastScrollAt);
  }

  /** The still text block: its page box (for a screenshot) and its place on the X screen. */
  async stillBlock(): Promise<{ page: { x: number; y: number; width: number; height: number }; screen: { x: number; y: number } }> {
    const box = await this.target.page.locator('#still').boundingBox();
    const centre = await this.target.screenCentre('#still');
    if (!box) throw new Error('no still block');
    return { page: box, screen: { x: Math.round(centre.x - box.width / 2), y: Math.round(centre.y - box.height / 2) } };
  }

  dispose(): Promise<void> {
    return this.target.dispose();
  }
}
