/**
 * The overlay window's page (a second Vite entry, no React): a full-window transparent canvas.
 * Main pushes events to this window only, on the host event channel; they were validated in
 * main and are parsed again here, as everything crossing a process boundary is.
 */
import * as z from 'zod';
import { overlayMessageSchema } from '../../../shared/overlay';
import { OverlayPainter } from './overlay-painter';

const pageEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('overlay.event'), message: overlayMessageSchema }),
  z.strictObject({ type: z.literal('overlay.hidden'), hidden: z.boolean() }),
]);

interface OverlayBridge {
  events: { subscribe: (listener: (event: unknown) => void) => () => void };
}

function start(): void {
  const canvas = document.getElementById('overlay');
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const context = canvas.getContext('2d');
  if (!context) return;
  // Set through the CSSOM: the page's CSP allows no inline styles.
  for (const element of [document.documentElement, document.body]) {
    element.style.margin = '0';
    element.style.background = 'transparent';
    element.style.overflow = 'hidden';
  }
  canvas.style.display = 'block';
  canvas.style.width = '100vw';
  canvas.style.height = '100vh';

  const painter = new OverlayPainter();
  let frame = 0;
  const render = () => {
    frame = 0;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(window.innerWidth * ratio);
    const height = Math.round(window.innerHeight * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    painter.paint(context, window.innerWidth, window.innerHeight);
    // Animate only while something is fading; an idle overlay costs nothing.
    if (painter.active) frame = requestAnimationFrame(render);
  };
  const schedule = () => {
    frame ||= requestAnimationFrame(render);
  };

  const bridge = (window as unknown as { tandem?: OverlayBridge }).tandem;
  bridge?.events.subscribe((raw) => {
    const parsed = pageEventSchema.safeParse(raw);
    if (!parsed.success) return;
    if (parsed.data.type === 'overlay.hidden') painter.setHidden(parsed.data.hidden);
    else painter.apply(parsed.data.message);
    schedule();
  });
  window.addEventListener('resize', schedule);
}

start();
