/**
 * The X11 injector against a real X server: our own Xvfb, an observer client with a focused
 * window that records what the server delivers, and the injector built through the factory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import x11, { type XClient, type XEvent } from 'x11';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log';
import { createInjector, InjectionError, type Injector } from './injector';

const run = promisify(execFile);
const FULL = { x: 0, y: 0, width: 1280, height: 800 };
const TEXT = 'Déjà vu: 3 € ß Ä! @#$%';
const SHIFT_MASK = 1;
const CONTROL_MASK = 4;

interface Xvfb { display: string; process: ChildProcess }

function freeDisplayNumber(from: number): number {
  for (let n = from; n < from + 200; n += 1) {
    if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
  }
  throw new Error('no free display number');
}

async function startXvfb(from: number): Promise<Xvfb> {
  const n = freeDisplayNumber(from);
  const child = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp', '-noreset'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!existsSync(`/tmp/.X11-unix/X${n}`)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Xvfb :${n} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { display: `:${n}`, process: child };
}

function stopXvfb(xvfb: Xvfb | undefined): Promise<void> {
  if (!xvfb || xvfb.process.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    xvfb.process.once('exit', () => resolve());
    xvfb.process.kill('SIGTERM');
  });
}

function call<T>(send: (cb: (error: unknown, result: T) => boolean) => void): Promise<T> {
  return new Promise((resolve, reject) => send((error, result) => { if (error) reject(error instanceof Error ? error : new Error('X request failed')); else resolve(result); return true; }));
}

/** Keysym → character, as an X client would print it (only what this test types). */
function keysymToChar(keysym: number): string {
  if (keysym >= 0x01000000) return String.fromCodePoint(keysym - 0x01000000);
  if (keysym === 0x20ac) return '€';
  if ((keysym >= 0x20 && keysym <= 0x7e) || (keysym >= 0xa0 && keysym <= 0xff)) return String.fromCodePoint(keysym);
  return `<0x${keysym.toString(16)}>`;
}

const isModifier = (keysym: number) => keysym >= 0xffe1 && keysym <= 0xffee;

describe('X11 injector on a real Xvfb', () => {
  let xvfb: Xvfb | undefined;
  let observer: XClient;
  let root = 0;
  let window = 0;
  let minKeycode = 8;
  let original: number[][] = [];
  const events: XEvent[] = [];
  /** Decoded KeyPress events, resolved in arrival order with the mapping read at event time. */
  let decoded: Promise<string>[] = [];
  let injector: Injector;

  const keyboardMapping = (): Promise<number[][]> => call((cb) => observer.GetKeyboardMapping(minKeycode, 255 - minKeycode + 1, cb));
  const pointer = () => call<{ rootX: number; rootY: number; keyMask: number }>((cb) => observer.QueryPointer(root, cb));
  const sync = () => call((cb) => observer.GetInputFocus(cb));
  const waitFor = async (predicate: () => boolean, ms = 2000) => {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for X events');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeAll(async () => {
    xvfb = await startXvfb(91);
    const display = xvfb.display;
    observer = await new Promise<XClient>((resolve, reject) => {
      const client = x11.createClient({ display }, (error) => (error ? reject(error) : resolve(client)));
      client.on('error', reject);
    });
    const screen = observer.display.screen[0];
    if (!screen) throw new Error('no screen');
    root = screen.root;
    minKeycode = observer.display.min_keycode;
    original = await keyboardMapping();
    window = observer.AllocID();
    const mask = x11.eventMask;
    observer.CreateWindow(window, root, 0, 0, 400, 300, 0, 0, 0, 0, {
      backgroundPixel: screen.white_pixel,
      eventMask: mask.KeyPress | mask.KeyRelease | mask.ButtonPress | mask.ButtonRelease,
    });
    observer.MapWindow(window);
    await sync();
    observer.SetInputFocus(window, 1);
    await sync();
    observer.on('event', (event: XEvent) => {
      events.push(event);
      if (event.name !== 'KeyPress' || event.keycode === undefined) return;
      const state = event.buttons ?? 0;
      // Read the mapping now, as a client handling this key would.
      decoded.push(
        call<number[][]>((cb) => observer.GetKeyboardMapping(event.keycode ?? 0, 1, cb)).then((rows) => {
          const [plain = 0, shifted = 0] = rows[0] ?? [];
          let keysym = state & SHIFT_MASK ? shifted || plain : plain;
          if (state & SHIFT_MASK && shifted === 0 && plain >= 0x61 && plain <= 0x7a) keysym = plain - 0x20;
          if (isModifier(keysym)) return '';
          if (keysym === 0xff08) return '<BackSpace>';
          const char = keysymToChar(keysym);
          return state & CONTROL_MASK ? `Control+${char}` : char;
        }),
      );
    });
    injector = createInjector({ platform: 'linux', env: { DISPLAY: display }, log: silentLogger });
  }, 20_000);

  afterAll(async () => {
    await injector?.close();
    observer?.terminate();
    await stopXvfb(xvfb);
  });

  it('is available', async () => {
    expect(await injector.availability()).toEqual({ available: true });
  });

  it('moves exactly onto corners and the centre', async () => {
    const cases: [number, number, number, number][] = [[0, 0, 0, 0], [1, 1, 1279, 799], [0.5, 0.5, 640, 400], [1, 0, 1279, 0]];
    for (const [x, y, px, py] of cases) {
      await injector.inject({ type: 'move', x, y }, FULL);
      const at = await pointer();
      expect([at.rootX, at.rootY]).toEqual([px, py]);
    }
  });

  it('maps onto a second screen whose origin is not 0,0', async () => {
    const second = { x: 640, y: 100, width: 640, height: 700 };
    await injector.inject({ type: 'move', x: 0, y: 0 }, second);
    expect(await pointer()).toMatchObject({ rootX: 640, rootY: 100 });
    await injector.inject({ type: 'move', x: 0.25, y: 0.5 }, second);
    expect(await pointer()).toMatchObject({ rootX: 800, rootY: 450 });
    // Cross-check with an independent observer.
    const { stdout } = await run('xdotool', ['getmouselocation'], { env: { ...process.env, DISPLAY: xvfb?.display } });
    expect(stdout).toMatch(/^x:800 y:450 /);
    await injector.inject({ type: 'move', x: 1, y: 1 }, second);
    expect(await pointer()).toMatchObject({ rootX: 1279, rootY: 799 });
  });

  it('presses and releases buttons at the position, and scrolls by notches', async () => {
    events.length = 0;
    await injector.inject({ type: 'button', button: 'left', down: true, x: 0.1, y: 0.1 }, FULL);
    await injector.inject({ type: 'button', button: 'left', down: false, x: 0.1, y: 0.1 }, FULL);
    await injector.inject({ type: 'button', button: 'right', down: true, x: 0.1, y: 0.1 }, FULL);
    await injector.inject({ type: 'button', button: 'right', down: false, x: 0.1, y: 0.1 }, FULL);
    await injector.inject({ type: 'wheel', dx: 0, dy: 250 }, FULL); // 3 notches down
    await injector.inject({ type: 'wheel', dx: -100, dy: -20 }, FULL); // 1 left, 1 up
    await sync();
    await waitFor(() => events.filter((e) => e.name === 'ButtonRelease').length >= 7);
    const presses = events.filter((e) => e.name === 'ButtonPress');
    expect(presses.map((e) => e.keycode)).toEqual([1, 3, 5, 5, 5, 4, 6]);
    expect(presses[0]).toMatchObject({ rootx: 128, rooty: 80 }); // round(0.1 * 1279), round(0.1 * 799)
  });

  it('injects a burst sent without waiting in order, every event landed once the last one resolves', async () => {
    events.length = 0;
    // A click as the consultant's page sends it: move, press, release, none awaited.
    const burst = [
      injector.inject({ type: 'move', x: 0.1, y: 0.1 }, FULL),
      injector.inject({ type: 'button', button: 'left', down: true, x: 0.1, y: 0.1 }, FULL),
      injector.inject({ type: 'button', button: 'left', down: false, x: 0.1, y: 0.1 }, FULL),
      injector.inject({ type: 'button', button: 'right', down: true, x: 0.2, y: 0.2 }, FULL),
      injector.inject({ type: 'button', button: 'right', down: false, x: 0.2, y: 0.2 }, FULL),
    ];
    await Promise.all(burst);
    // The last event's round trip confirmed the burst: the server has applied all of it.
    expect(await pointer()).toMatchObject({ rootX: 256, rootY: 160 }); // round(0.2 * 1279), round(0.2 * 799)
    await waitFor(() => events.filter((e) => e.name === 'ButtonRelease').length >= 2);
    expect(events.filter((e) => e.name === 'ButtonPress' || e.name === 'ButtonRelease').map((e) => `${e.name}:${e.keycode}`)).toEqual([
      'ButtonPress:1', 'ButtonRelease:1', 'ButtonPress:3', 'ButtonRelease:3',
    ]);
  });

  it('types capitals, shifted punctuation and Unicode exactly, then restores the keyboard mapping', async () => {
    await injector.inject({ type: 'move', x: 0.1, y: 0.1 }, FULL);
    decoded = [];
    events.length = 0;
    const started = performance.now();
    await injector.inject({ type: 'text', text: TEXT }, FULL);
    const elapsed = performance.now() - started;
    // Events the server generated before our round trip are delivered before its reply.
    await sync();
    expect((await Promise.all(decoded)).join('')).toBe(TEXT);
    expect(elapsed).toBeLessThan(500);
    // The characters the keyboard lacks went through keycodes that were empty beforehand...
    const emptyBefore = new Set(original.flatMap((row, index) => (row.every((keysym) => keysym === 0) ? [minKeycode + index] : [])));
    const borrowedPresses = events.filter((e) => e.name === 'KeyPress' && emptyBefore.has(e.keycode ?? 0));
    expect(borrowedPresses.length).toBe(5); // é à € ß Ä
    // ...and those keycodes are empty again once typing has settled (restoreDelayMs).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await keyboardMapping()).toEqual(original);
  });

  it('types more distinct characters than there are free keycodes', async () => {
    const free = original.filter((row) => row.every((keysym) => keysym === 0)).length;
    const text = Array.from({ length: Math.min(64, free + 5) }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    decoded = [];
    await injector.inject({ type: 'text', text }, FULL);
    await sync();
    expect((await Promise.all(decoded)).join('')).toBe(text);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await keyboardMapping()).toEqual(original);
  });

  it('restores borrowed keycodes at once on close', async () => {
    const other = createInjector({ platform: 'linux', env: { DISPLAY: xvfb?.display }, log: silentLogger });
    await other.inject({ type: 'text', text: 'ü€' }, FULL);
    expect(await keyboardMapping()).not.toEqual(original);
    await other.close();
    expect(await keyboardMapping()).toEqual(original);
  });

  it('sends Ctrl+A then Backspace as key events', async () => {
    decoded = [];
    for (const [code, down] of [['ControlLeft', true], ['KeyA', true], ['KeyA', false], ['ControlLeft', false], ['Backspace', true], ['Backspace', false]] as const) {
      await injector.inject({ type: 'key', code, down }, FULL);
    }
    await sync();
    await waitFor(() => decoded.length >= 3);
    expect((await Promise.all(decoded)).filter(Boolean)).toEqual(['Control+a', '<BackSpace>']);
  });

  it('releaseAll lifts every key and button the injector still holds', async () => {
    await injector.inject({ type: 'key', code: 'ShiftLeft', down: true }, FULL);
    await injector.inject({ type: 'button', button: 'left', down: true, x: 0.1, y: 0.1 }, FULL);
    expect((await pointer()).keyMask & (SHIFT_MASK | 0x100)).toBe(SHIFT_MASK | 0x100);
    await injector.releaseAll();
    expect((await pointer()).keyMask & 0xff0f).toBe(0);
  });

  it('runs a combo as a chord and releases it', async () => {
    decoded = [];
    await injector.inject({ type: 'combo', combo: 'alt-tab' }, FULL);
    await sync();
    expect((await Promise.all(decoded)).filter(Boolean)).toEqual(['<0xff09>']); // Alt_L (a modifier), then Tab
    expect((await pointer()).keyMask & 0xff).toBe(0);
  });

  it('rejects quickly with no-display when the display does not exist, without crashing', async () => {
    const missing = `:${freeDisplayNumber(400)}`;
    const absent = createInjector({ platform: 'linux', env: { DISPLAY: missing }, log: silentLogger });
    const started = performance.now();
    const error = await absent.inject({ type: 'move', x: 0.5, y: 0.5 }, FULL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InjectionError);
    expect((error as InjectionError).reason).toBe('no-display');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await absent.availability()).toMatchObject({ available: false, reason: 'no-display' });
    await absent.close();
  });

  it('turns a display that dies mid-session into an InjectionError', async () => {
    const doomed = await startXvfb(300);
    const target = createInjector({ platform: 'linux', env: { DISPLAY: doomed.display }, log: silentLogger, timeoutMs: 1500 });
    await target.inject({ type: 'move', x: 0.5, y: 0.5 }, FULL);
    await stopXvfb(doomed);
    const error = await target.inject({ type: 'move', x: 0.2, y: 0.2 }, FULL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InjectionError);
    expect(['no-display', 'failed']).toContain((error as InjectionError).reason);
    await target.close();
  });
});
