import { useEffect, useRef } from 'react';
import { decimate, type OverlayPoint } from '../../../shared/overlay';
import type { Locate } from '../control/video-mapping';
import { useT } from '../i18n/language-store';
import { activeOverlay } from './active-overlay';
import { useOverlayStore } from './overlay-store';

/** A stroke in progress is resent at most this often, so the user sees it being drawn. */
const PROGRESS_MS = 100;

/**
 * Sits over the consultant's video while drawing is on (and they are not in control): the
 * pointer's position goes to the user's screen once per animation frame, and each drag
 * becomes a stroke. `locate` is the view's mapping, the same one remote control uses; points
 * outside the user's screen give null and are ignored.
 */
export function DrawSurface({ locate }: { locate: Locate }) {
  const t = useT();
  const surface = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = surface.current;
    if (!element) return;
    let pointer: OverlayPoint | null = null;
    let frame = 0;
    let stroke: { id: string; points: OverlayPoint[]; sentAt: number } | null = null;

    const pointAt = (event: PointerEvent) => locate(event.clientX, event.clientY);
    const sendStroke = () => {
      if (!stroke || stroke.points.length === 0) return;
      const { kind, color } = useOverlayStore.getState();
      activeOverlay()?.draw({ t: 'overlay.stroke', id: stroke.id, kind, color, points: decimate(stroke.points) });
      stroke.sentAt = performance.now();
    };
    const flush = () => {
      frame = 0;
      if (pointer) activeOverlay()?.draw({ t: 'overlay.pointer', ...pointer });
      pointer = null;
      if (stroke && performance.now() - stroke.sentAt >= PROGRESS_MS) sendStroke();
    };
    const onMove = (event: PointerEvent) => {
      const point = pointAt(event);
      if (!point) return;
      pointer = point;
      stroke?.points.push(point);
      frame ||= requestAnimationFrame(flush);
    };
    const onDown = (event: PointerEvent) => {
      const point = pointAt(event);
      if (event.button !== 0 || !point) return;
      event.preventDefault();
      element.setPointerCapture(event.pointerId);
      stroke = { id: crypto.randomUUID(), points: [point], sentAt: performance.now() };
    };
    const onUp = () => {
      sendStroke();
      stroke = null;
    };
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerdown', onDown);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onUp);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onUp);
    };
  }, [locate]);

  return <div ref={surface} className="input-surface drawing" role="application" aria-label={t('overlay.surfaceLabel')} data-testid="draw-surface" />;
}
