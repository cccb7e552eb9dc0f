/**
 * The consultant's view shortcuts. All take Alt+Shift, so that they work while in control:
 * the view catches them before the control surface, and a chord of modifiers alone sends
 * nothing to the person's computer. Physical key codes, so they sit at the same place on
 * AZERTY and QWERTY keyboards.
 */
export type ViewAction = 'fit' | 'actual-size' | 'zoom-in' | 'zoom-out' | 'fullscreen' | 'pan-left' | 'pan-right' | 'pan-up' | 'pan-down';

type KeyLike = Pick<KeyboardEvent, 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>;

const BY_CODE: Record<string, ViewAction> = {
  Digit0: 'fit',
  Numpad0: 'fit',
  Digit1: 'actual-size',
  Numpad1: 'actual-size',
  Equal: 'zoom-in',
  NumpadAdd: 'zoom-in',
  Minus: 'zoom-out',
  NumpadSubtract: 'zoom-out',
  KeyF: 'fullscreen',
  ArrowLeft: 'pan-left',
  ArrowRight: 'pan-right',
  ArrowUp: 'pan-up',
  ArrowDown: 'pan-down',
};

/** For `aria-keyshortcuts` and the buttons' tooltips (the first key of each action). */
export const SHORTCUTS: Record<ViewAction, string> = {
  fit: 'Alt+Shift+0',
  'actual-size': 'Alt+Shift+1',
  'zoom-in': 'Alt+Shift+=',
  'zoom-out': 'Alt+Shift+-',
  fullscreen: 'Alt+Shift+F',
  'pan-left': 'Alt+Shift+ArrowLeft',
  'pan-right': 'Alt+Shift+ArrowRight',
  'pan-up': 'Alt+Shift+ArrowUp',
  'pan-down': 'Alt+Shift+ArrowDown',
};

export function viewActionFor(event: KeyLike): ViewAction | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  return BY_CODE[event.code] ?? null;
}

/** How far one pan shortcut moves: a fifth of the visible area. */
export function panStep(action: ViewAction, viewport: { width: number; height: number }): { left: number; top: number } | null {
  const dx = viewport.width / 5;
  const dy = viewport.height / 5;
  switch (action) {
    case 'pan-left':
      return { left: -dx, top: 0 };
    case 'pan-right':
      return { left: dx, top: 0 };
    case 'pan-up':
      return { left: 0, top: -dy };
    case 'pan-down':
      return { left: 0, top: dy };
    default:
      return null;
  }
}
