import { TargetPage } from '../e2e/support/target-page';
import { BENCH_PLACEMENT } from './session';

/** The time code: BITS blocks per row, two identical rows (a frame caught mid-paint disagrees). */
export const CLOCK = { left: 20, top: 20, block: 20, bits: 28, rows: 2 };
export const MARKER = { left: 20, top: 80, size: 60 };
export type SceneMode = 'idle' | 'clock' | 'typing' | 'scrolling';

const LINES = Array.from({ length: 300 }, (_, i) => `<p style="color:hsl(${(i * 47) % 360} 60% 30%)">${i} · ${'Quarterly report, section '.repeat(1 + (i % 3))}${i * 7} items</p>`).join('');

/**
 * The user's "desktop" on the X screen: a millisecond time code (Date.now() as black/white
 * blocks, redrawn every animation frame), a marker that flips colour on each mouse press,
 * a text field typed into by script, and a long page scrolled fast by script.
 */
const SCENE_HTML = `<!doctype html><html><head><title>Scene</title><style>
body{margin:0;font:16px sans-serif;background:#fff;overflow:hidden}
#clock{position:absolute;left:${CLOCK.left}px;top:${CLOCK.top}px}
#marker{position:absolute;left:${MARKER.left}px;top:${MARKER.top}px;width:${MARKER.size}px;height:${MARKER.size}px;background:#000}
#text{position:absolute;left:20px;top:160px;width:590px;height:620px;font:18px monospace;white-space:pre-wrap;word-break:break-all;display:none}
#scroller{position:absolute;left:20px;top:160px;width:600px;height:620px;overflow:hidden;display:none}
#scroller p{margin:4px 0}
</style></head><body>
<canvas id="clock" width="${CLOCK.bits * CLOCK.block}" height="${CLOCK.rows * CLOCK.block}"></canvas>
<div id="marker"></div><div id="text"></div><div id="scroller">${LINES}</div>
<script>
const clock = document.getElementById('clock').getContext('2d');
const marker = document.getElementById('marker');
const text = document.getElementById('text');
const scroller = document.getElementById('scroller');
const SOURCE = 'The printer in room 4 says offline again. I restarted it and checked the cable, but the queue still shows three jobs waiting. ';
let mode = 'idle', typed = 0, typer = 0, dark = true;
window.addEventListener('mousedown', () => { dark = !dark; marker.style.background = dark ? '#000' : '#fff'; });
function frame() {
  if (mode === 'clock') {
    const code = Date.now() % ${2 ** CLOCK.bits};
    for (let row = 0; row < ${CLOCK.rows}; row++) for (let bit = 0; bit < ${CLOCK.bits}; bit++) {
      clock.fillStyle = Math.floor(code / 2 ** bit) % 2 ? '#000' : '#fff';
      clock.fillRect(bit * ${CLOCK.block}, row * ${CLOCK.block}, ${CLOCK.block}, ${CLOCK.block});
    }
  }
  if (mode === 'scrolling') scroller.scrollTop = scroller.scrollTop + 30 >= scroller.scrollHeight - scroller.clientHeight ? 0 : scroller.scrollTop + 30;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
window.__scene = { get dark() { return dark; }, setMode(next) {
  mode = next;
  clearInterval(typer);
  text.style.display = next === 'typing' ? 'block' : 'none';
  scroller.style.display = next === 'scrolling' ? 'block' : 'none';
  // About 10 characters a second: a fast typist.
  if (next === 'typing') typer = setInterval(() => { text.textContent += SOURCE[typed++ % SOURCE.length]; if (text.textContent.length > 1500) text.textContent = ''; }, 100);
} };
</script></body></html>`;

export class Scene {
  private constructor(readonly target: TargetPage) {}

  static async open(): Promise<Scene> {
    const target = await TargetPage.open(BENCH_PLACEMENT.scene);
    await target.page.setContent(SCENE_HTML);
    return new Scene(target);
  }

  setMode(mode: SceneMode): Promise<void> {
    return this.target.page.evaluate((next) => (window as unknown as { __scene: { setMode(mode: string): void } }).__scene.setMode(next), mode);
  }

  markerDark(): Promise<boolean> {
    return this.target.page.evaluate(() => (window as unknown as { __scene: { dark: boolean } }).__scene.dark);
  }

  /** Screen position (X display pixels) of an element's top-left corner. */
  async screenTopLeft(selector: string): Promise<{ x: number; y: number }> {
    const centre = await this.target.screenCentre(selector);
    const box = await this.target.page.locator(selector).boundingBox();
    if (!box) throw new Error(`${selector} is not visible`);
    return { x: centre.x - box.width / 2, y: centre.y - box.height / 2 };
  }

  dispose(): Promise<void> {
    return this.target.dispose();
  }
}
