/**
 * Remote control: the messages the two apps exchange over the WebRTC data channel, and the
 * input events the user's host injects. Everything that arrives from the consultant is
 * untrusted: it is parsed here, and the host rebuilds each event from these validated fields.
 */
import * as z from 'zod';

/** Coordinates are normalised to the shared screen: 0 is the left/top edge, 1 the right/bottom. */
const unit = z.number().min(0).max(1);

export const mouseButtonSchema = z.enum(['left', 'middle', 'right']);
export type MouseButton = z.infer<typeof mouseButtonSchema>;

/** Every physical key the consultant may press, by KeyboardEvent.code. Printable text goes as `text`. */
export const KEY_CODES = [
  'KeyA', 'KeyB', 'KeyC', 'KeyD', 'KeyE', 'KeyF', 'KeyG', 'KeyH', 'KeyI', 'KeyJ', 'KeyK', 'KeyL', 'KeyM', 'KeyN', 'KeyO', 'KeyP', 'KeyQ', 'KeyR', 'KeyS', 'KeyT', 'KeyU', 'KeyV', 'KeyW', 'KeyX', 'KeyY', 'KeyZ',
  'Digit0', 'Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9',
  'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12',
  'Enter', 'Escape', 'Backspace', 'Tab', 'Space', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown',
  'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'CapsLock', 'PrintScreen', 'ContextMenu',
  'ShiftLeft', 'ShiftRight', 'ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight',
  'Minus', 'Equal', 'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Backquote', 'Comma', 'Period', 'Slash',
  'NumpadEnter',
] as const;
export type KeyCode = (typeof KEY_CODES)[number];
export const keyCodeSchema = z.enum(KEY_CODES);

/** Key combinations offered from a menu because the consultant's own OS would swallow them. */
export const COMBOS = ['ctrl-alt-delete', 'alt-tab', 'alt-f4', 'meta', 'ctrl-escape', 'print-screen'] as const;
export const comboSchema = z.enum(COMBOS);
export type Combo = z.infer<typeof comboSchema>;

export const MAX_TEXT_LENGTH = 64;
/** Largest wheel movement one event may ask for, in CSS pixels; larger ones are refused, not clamped. */
export const MAX_WHEEL_DELTA = 2400;
const wheelDelta = z.number().min(-MAX_WHEEL_DELTA).max(MAX_WHEEL_DELTA);

export const inputEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('move'), x: unit, y: unit }),
  z.strictObject({ type: z.literal('button'), button: mouseButtonSchema, down: z.boolean(), x: unit, y: unit }),
  z.strictObject({ type: z.literal('wheel'), dx: wheelDelta, dy: wheelDelta }),
  z.strictObject({ type: z.literal('key'), code: keyCodeSchema, down: z.boolean() }),
  z.strictObject({
    type: z.literal('text'),
    // Printable characters only: control characters would act as keys we did not validate.
    text: z.string().min(1).max(MAX_TEXT_LENGTH).regex(/^[^\p{Cc}\p{Cf}\p{Cs}]+$/u),
  }),
  z.strictObject({ type: z.literal('combo'), combo: comboSchema }),
]);
export type InputEvent = z.infer<typeof inputEventSchema>;

/** One input event with its sequence number; the host drops anything not strictly increasing. */
export const sequencedInputSchema = z.strictObject({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), event: inputEventSchema });
export type SequencedInput = z.infer<typeof sequencedInputSchema>;

export const controlStateSchema = z.enum(['view-only', 'requested', 'granted', 'unavailable']);
export type ControlState = z.infer<typeof controlStateSchema>;

/** Why control is not (or no longer) on; shown to both sides in plain words. */
export const controlReasonSchema = z.enum([
  'declined',
  'released',
  'paused',
  'revoked',
  'heartbeat-lost',
  'session-ended',
  'busy',
  'wayland',
  'no-permission',
  'no-display',
  'unsupported-platform',
  'not-allowed',
  'failed',
]);
export type ControlReason = z.infer<typeof controlReasonSchema>;

export const controlStatusSchema = z.strictObject({ state: controlStateSchema, reason: controlReasonSchema.optional() });
export type ControlStatus = z.infer<typeof controlStatusSchema>;

export const screenInfoSchema = z.strictObject({ id: z.string().min(1).max(256), name: z.string().max(120) });
export type ScreenInfo = z.infer<typeof screenInfoSchema>;

/** Why the host refused one input event; counted and reported, never queued. */
export const dropReasonSchema = z.enum(['not-granted', 'out-of-order', 'flood', 'invalid', 'injection-failed']);
export type DropReason = z.infer<typeof dropReasonSchema>;

/** The user's global shortcut that takes control back at once (Electron accelerator syntax). */
export const REVOKE_SHORTCUT = 'CommandOrControl+Alt+Shift+X';

/** Heartbeats from the consultant while control is requested or on; silence for this long revokes it. */
export const HEARTBEAT_INTERVAL_MS = 500;
export const DEAD_MAN_TIMEOUT_MS = 2000;

/** Consultant → user, over the data channel. */
export const toUserMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('input'), seq: sequencedInputSchema.shape.seq, event: z.unknown() }),
  z.strictObject({ t: z.literal('control.request') }),
  z.strictObject({ t: z.literal('control.release') }),
  z.strictObject({ t: z.literal('heartbeat') }),
  z.strictObject({ t: z.literal('screen.request'), id: screenInfoSchema.shape.id }),
]);
export type ToUserMessage = z.infer<typeof toUserMessageSchema>;

/** User → consultant, over the data channel. */
export const toConsultantMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('control.status'), status: controlStatusSchema }),
  z.strictObject({
    t: z.literal('input.dropped'),
    counts: z.partialRecord(dropReasonSchema, z.number().int().min(0)),
  }),
  z.strictObject({ t: z.literal('screens'), screens: z.array(screenInfoSchema).max(16), current: z.string().max(256).nullable() }),
]);
export type ToConsultantMessage = z.infer<typeof toConsultantMessageSchema>;

/** Largest data-channel message either app accepts. */
// Large enough for a repair's bounded output (2 × 8000 characters, escaped), small enough to refuse floods.
export const MAX_CHANNEL_MESSAGE_BYTES = 64 * 1024;
