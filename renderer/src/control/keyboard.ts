import { KEY_CODES, type InputEvent, type KeyCode } from '../../../shared/control';

const knownCodes = new Set<string>(KEY_CODES);
const MODIFIERS = [
  { flag: 'ctrlKey', code: 'ControlLeft' },
  { flag: 'altKey', code: 'AltLeft' },
  { flag: 'shiftKey', code: 'ShiftLeft' },
  { flag: 'metaKey', code: 'MetaLeft' },
] as const;
const MODIFIER_CODES = new Set<string>(['ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'ShiftLeft', 'ShiftRight', 'MetaLeft', 'MetaRight']);

export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'> & {
  getModifierState?: (key: string) => boolean;
};

/**
 * Turns the consultant's key presses into control events. Text (letters, accents typed with
 * dead keys or an IME, symbols) travels as characters through the input field's `input`
 * events, so it arrives right whatever the two keyboard layouts are. Everything else
 * (Enter, arrows, shortcuts such as Ctrl+A) travels as physical keys, with the modifiers
 * held at that moment pressed around it.
 */
export class KeyboardTranslator {
  /** Keys pressed on the user's machine and not yet released. */
  private readonly down = new Set<KeyCode>();

  /** Events for a keydown, or null when the key produces text (let the field receive it). */
  keyDown(event: KeyLike): InputEvent[] | null {
    if (MODIFIER_CODES.has(event.code)) return [];
    if (producesText(event)) return null;
    if (!knownCodes.has(event.code)) return [];
    const events: InputEvent[] = [];
    for (const modifier of MODIFIERS) {
      if (event[modifier.flag] && !this.down.has(modifier.code)) {
        this.down.add(modifier.code);
        events.push({ type: 'key', code: modifier.code, down: true });
      }
    }
    const code = event.code as KeyCode;
    this.down.add(code);
    events.push({ type: 'key', code, down: true });
    return events;
  }

  keyUp(event: KeyLike): InputEvent[] {
    const events: InputEvent[] = [];
    const code = event.code as KeyCode;
    if (this.down.delete(code)) events.push({ type: 'key', code, down: false });
    // A released modifier (either side) releases the one we pressed for it.
    for (const modifier of MODIFIERS) {
      if (!event[modifier.flag] && this.down.delete(modifier.code)) events.push({ type: 'key', code: modifier.code, down: false });
    }
    return events;
  }

  /** Everything still held, released (on blur, or when control ends). */
  releaseAll(): InputEvent[] {
    const events = [...this.down].map((code): InputEvent => ({ type: 'key', code, down: false }));
    this.down.clear();
    return events;
  }
}

/** A printable key without Ctrl/Alt/Meta (AltGr counts as text: it types € or @ on many layouts). */
function producesText(event: KeyLike): boolean {
  if (event.key === 'Dead') return true;
  const altGraph = event.getModifierState?.('AltGraph') ?? false;
  if (!altGraph && (event.ctrlKey || event.metaKey || event.altKey)) return false;
  return [...event.key].length === 1;
}
