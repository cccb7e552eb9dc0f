import { useEffect, useRef } from 'react';
import { MAX_WHEEL_DELTA, type InputEvent, type MouseButton } from '../../../../shared/control';
import { KeyboardTranslator } from '../../control/keyboard';
import { textChunks } from '../../control/text-chunks';
import { useT } from '../../i18n/language-store';
import type { Locate } from '../../control/video-mapping';

const BUTTONS: Record<number, MouseButton> = { 0: 'left', 1: 'middle', 2: 'right' };
// DOM wheel deltas may come in lines or pages; the protocol speaks CSS pixels.
const WHEEL_UNIT = [1, 40, 800];

function clampWheel(value: number): number {
  return Math.max(-MAX_WHEEL_DELTA, Math.min(MAX_WHEEL_DELTA, Math.round(value)));
}

/**
 * Sits over the consultant's video while they are in control: pointer and wheel over the
 * picture, and keyboard through a hidden text field (so accents, dead keys and IMEs give
 * the right characters). `locate` maps the pointer in every view mode; points off the
 * person's screen (letterbox bars, scrolled out of sight) are ignored.
 */
export function InputSurface({ locate, send }: { locate: Locate; send: (event: InputEvent) => void }) {
  const t = useT();
  const surface = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const element = surface.current;
    const input = field.current;
    if (!element || !input) return;
    const keyboard = new KeyboardTranslator();
    let pendingMove: { x: number; y: number } | null = null;
    const wheel = { dx: 0, dy: 0 };
    let frame = 0;

    const pointAt = locate;
    // Moves and wheel are coalesced to one event per animation frame.
    const flush = () => {
      frame = 0;
      if (pendingMove) send({ type: 'move', ...pendingMove });
      pendingMove = null;
      if (wheel.dx || wheel.dy) send({ type: 'wheel', dx: clampWheel(wheel.dx), dy: clampWheel(wheel.dy) });
      wheel.dx = 0;
      wheel.dy = 0;
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(flush);
    };

    const onPointerMove = (event: PointerEvent) => {
      const point = pointAt(event.clientX, event.clientY);
      if (!point) return;
      pendingMove = point;
      schedule();
    };
    const onPointerButton = (event: PointerEvent) => {
      const button = BUTTONS[event.button];
      const point = pointAt(event.clientX, event.clientY);
      if (!button || !point) return;
      event.preventDefault();
      const down = event.type === 'pointerdown';
      if (down) {
        input.focus({ preventScroll: true });
        element.setPointerCapture(event.pointerId);
      }
      flush();
      send({ type: 'button', button, down, ...point });
    };
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const unit = WHEEL_UNIT[event.deltaMode] ?? 1;
      wheel.dx += event.deltaX * unit;
      wheel.dy += event.deltaY * unit;
      schedule();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const events = keyboard.keyDown(event);
      if (events === null) return; // text: the field's input event carries it
      event.preventDefault();
      events.forEach(send);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      keyboard.keyUp(event).forEach(send);
    };
    const sendTyped = () => {
      textChunks(input.value).forEach((text) => send({ type: 'text', text }));
      input.value = '';
    };
    const onInput = (event: Event) => {
      if (!(event as Event & { isComposing?: boolean }).isComposing) sendTyped();
    };
    const onBlur = () => keyboard.releaseAll().forEach(send);
    const noMenu = (event: Event) => event.preventDefault();

    // One signal removes every listener below when the surface goes away.
    const listeners = new AbortController();
    const { signal } = listeners;
    element.addEventListener('pointermove', onPointerMove, { signal });
    element.addEventListener('pointerdown', onPointerButton, { signal });
    element.addEventListener('pointerup', onPointerButton, { signal });
    element.addEventListener('wheel', onWheel, { passive: false, signal });
    element.addEventListener('contextmenu', noMenu, { signal });
    input.addEventListener('keydown', onKeyDown, { signal });
    input.addEventListener('keyup', onKeyUp, { signal });
    input.addEventListener('input', onInput, { signal });
    input.addEventListener('compositionend', sendTyped, { signal });
    input.addEventListener('blur', onBlur, { signal });
    input.focus({ preventScroll: true });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      // Nothing stays held on the user's machine when control ends or the view goes away.
      keyboard.releaseAll().forEach(send);
      listeners.abort();
    };
  }, [locate, send]);

  return (
    <div ref={surface} className="input-surface" data-testid="input-surface">
      <textarea
        ref={field}
        className="capture-field"
        aria-label={t('control.surfaceLabel')}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        data-testid="capture-field"
      />
    </div>
  );
}
