import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InputEvent } from '../../../shared/control';
import type { Logger, LogFields } from '../../../shared/log';
import { ACCESSIBILITY_DETAIL, createInjector, InjectionError, type InjectorBackend, type InjectorOptions } from './injector';
import { VIEW_ONLY_DETAIL } from './portal-injector';
import type * as RobotInjectorModule from './robot-injector';
import type { RobotModule } from './robot-injector';

// Stand-ins for the platform modules, so the factory's choice and laziness can be observed.
const state = vi.hoisted(() => ({
  x11Loads: 0,
  robotLoads: 0,
  x11Backend: null as InjectorBackend | null,
  robot: null as RobotModule | null,
}));

vi.mock('./x11-injector', () => {
  state.x11Loads += 1;
  return {
    createX11Injector: () => {
      if (!state.x11Backend) throw new Error('no fake backend');
      return state.x11Backend;
    },
  };
});

vi.mock('./robot-injector', async (importOriginal) => {
  state.robotLoads += 1;
  const actual = await importOriginal<typeof RobotInjectorModule>();
  return {
    ...actual,
    loadRobotModule: () => (state.robot ? Promise.resolve(state.robot) : Promise.reject(new Error('Cannot find module @jitsi/robotjs'))),
  };
});

const RECT = { x: 0, y: 0, width: 1280, height: 800 };
const MOVE: InputEvent = { type: 'move', x: 0.5, y: 0.5 };

function recordingLog(): Logger & { lines: [string, string, LogFields | undefined][] } {
  const lines: [string, string, LogFields | undefined][] = [];
  return {
    lines,
    info: (event, fields) => lines.push(['info', event, fields]),
    warn: (event, fields) => lines.push(['warn', event, fields]),
    error: (event, fields) => lines.push(['error', event, fields]),
  };
}

function options(overrides: Partial<InjectorOptions>): InjectorOptions {
  return { platform: 'linux', env: { DISPLAY: ':0' }, log: recordingLog(), ...overrides };
}

function fakeBackend(inject: InjectorBackend['inject']): InjectorBackend & { closed: number } {
  const backend = {
    closed: 0,
    availability: () => Promise.resolve({ available: true } as const),
    inject,
    releaseAll: () => Promise.resolve(),
    close: () => { backend.closed += 1; return Promise.resolve(); },
  };
  return backend;
}

function fakeRobot(calls: string[], failOn?: string): RobotModule {
  const record = (name: string) => (...args: unknown[]) => {
    if (name === failOn) throw new Error(`${name}: native failure`);
    calls.push(`${name}(${args.join(',')})`);
  };
  return {
    moveMouse: record('moveMouse'), mouseToggle: record('mouseToggle'), scrollMouse: record('scrollMouse'),
    keyToggle: record('keyToggle'), typeString: record('typeString'), unicodeTap: record('unicodeTap'),
    setKeyboardDelay: record('setKeyboardDelay'), setMouseDelay: record('setMouseDelay'),
  };
}

beforeEach(() => {
  state.x11Backend = null;
  state.robot = null;
});

describe('createInjector: choosing from the environment', () => {
  it('loads a platform module only when first used, and only the one for this platform', async () => {
    const calls: string[] = [];
    state.robot = fakeRobot(calls);
    const injector = createInjector(options({ platform: 'win32', env: {} }));
    // First test of the file: nothing has imported a platform module yet.
    expect([state.robotLoads, state.x11Loads]).toEqual([0, 0]);
    await injector.inject(MOVE, { x: -1280, y: 0, width: 1280, height: 1024 });
    expect([state.robotLoads, state.x11Loads]).toEqual([1, 0]);
    expect(calls).toContain('moveMouse(-640,512)');
  });

  it('on Wayland uses the desktop portal, never XTEST through XWayland’s DISPLAY; no portal means view and guide only', async () => {
    const bus = 'unix:path=/nonexistent/tandem-test-bus';
    for (const env of [{ XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0', DBUS_SESSION_BUS_ADDRESS: bus }, { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0', DBUS_SESSION_BUS_ADDRESS: bus }]) {
      const loads = state.x11Loads;
      const injector = createInjector(options({ env }));
      expect(await injector.availability()).toEqual({ available: false, reason: 'wayland', detail: VIEW_ONLY_DETAIL });
      await expect(injector.inject(MOVE, RECT)).rejects.toBeInstanceOf(InjectionError);
      expect(state.x11Loads).toBe(loads);
      await injector.close();
    }
  });

  it('reports no-display without DISPLAY', async () => {
    const injector = createInjector(options({ env: { XDG_SESSION_TYPE: 'x11' } }));
    expect(await injector.availability()).toMatchObject({ available: false, reason: 'no-display' });
    await expect(injector.inject(MOVE, RECT)).rejects.toBeInstanceOf(InjectionError);
  });

  it('reports unsupported platforms', async () => {
    for (const platform of ['freebsd', 'aix', 'android'] as const) {
      expect(await createInjector(options({ platform })).availability()).toMatchObject({ available: false, reason: 'unsupported-platform' });
    }
  });

  it('asks for the Accessibility permission on macOS, checked on every call', async () => {
    let trusted = false;
    state.robot = fakeRobot([]);
    const injector = createInjector(options({ platform: 'darwin', env: {}, isAccessibilityTrusted: () => trusted }));
    expect(await injector.availability()).toEqual({ available: false, reason: 'no-permission', detail: ACCESSIBILITY_DETAIL });
    expect(ACCESSIBILITY_DETAIL).toContain('System Settings → Privacy & Security → Accessibility');
    await expect(injector.inject(MOVE, RECT)).rejects.toMatchObject({ reason: 'no-permission' });
    trusted = true;
    expect(await injector.availability()).toEqual({ available: true });
    await injector.inject(MOVE, RECT);
  });

  it('reports a missing native module as unavailable, not as a crash', async () => {
    const injector = createInjector(options({ platform: 'win32', env: {} }));
    expect(await injector.availability()).toMatchObject({ available: false, reason: 'failed', detail: expect.stringContaining('robotjs') as unknown });
  });
});

describe('createInjector: every call wrapped', () => {
  it('turns a throwing native module into an InjectionError and a log line without the content', async () => {
    state.robot = fakeRobot([], 'typeString');
    const log = recordingLog();
    const injector = createInjector(options({ platform: 'win32', env: {}, log }));
    const error = await injector.inject({ type: 'text', text: 'hunter2' }, RECT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InjectionError);
    expect(error).toMatchObject({ reason: 'failed', message: 'typeString: native failure' });
    expect(log.lines).toEqual([['warn', 'input.inject-failed', { type: 'text', reason: 'failed', detail: 'typeString: native failure' }]]);
    expect(JSON.stringify(log.lines)).not.toContain('hunter2');
    // The process is fine and the next event goes through.
    state.robot = null;
    await injector.inject(MOVE, RECT).catch(() => undefined);
  });

  it('tells the backend when more events wait behind one, so it can confirm the burst once', async () => {
    const seen: (boolean | undefined)[] = [];
    let release: () => void = () => undefined;
    const firstDone = new Promise<void>((resolve) => { release = resolve; });
    state.x11Backend = fakeBackend(async (_event, _rect, more) => {
      seen.push(more?.more);
      if (seen.length === 1) await firstDone;
    });
    const injector = createInjector(options({}));
    const first = injector.inject(MOVE, RECT);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    // Two more arrive while the first is still running.
    const rest = [injector.inject(MOVE, RECT), injector.inject(MOVE, RECT)];
    release();
    await Promise.all([first, ...rest]);
    expect(seen).toEqual([false, true, false]);
  });

  it('refuses malformed events and rects before any module is loaded', async () => {
    const loads = state.x11Loads;
    const injector = createInjector(options({}));
    const bad: unknown[] = [
      { type: 'move', x: Number.NaN, y: 0 },
      { type: 'move', x: 0, y: 0, extra: true },
      { type: 'wheel', dx: 1e9, dy: 0 },
      { type: 'key', code: 'F13', down: true },
      { type: 'text', text: 'a\u0000' },
      { type: 'explode' },
      null,
    ];
    for (const event of bad) {
      await expect(injector.inject(event as InputEvent, RECT)).rejects.toMatchObject({ reason: 'invalid-event' });
    }
    await expect(injector.inject(MOVE, { x: 0, y: 0, width: 0, height: 10 })).rejects.toMatchObject({ reason: 'invalid-event' });
    expect(state.x11Loads).toBe(loads);
  });

  it('maps connection errors to no-display', async () => {
    state.x11Backend = fakeBackend(() => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })));
    const injector = createInjector(options({}));
    await expect(injector.inject(MOVE, RECT)).rejects.toMatchObject({ reason: 'no-display' });
  });

  it('injects one event at a time, in order', async () => {
    const order: string[] = [];
    state.x11Backend = fakeBackend(async (event) => {
      order.push(`start ${event.type}`);
      if (event.type === 'text') await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`end ${event.type}`);
    });
    const injector = createInjector(options({}));
    await Promise.all([injector.inject({ type: 'text', text: 'slow' }, RECT), injector.inject({ type: 'key', code: 'Enter', down: true }, RECT)]);
    expect(order).toEqual(['start text', 'end text', 'start key', 'end key']);
  });

  it('gives up on a call that hangs, replaces the backend, and carries on', async () => {
    const hung = fakeBackend(() => new Promise(() => undefined));
    state.x11Backend = hung;
    const injector = createInjector(options({ timeoutMs: 50 }));
    await expect(injector.inject(MOVE, RECT)).rejects.toMatchObject({ reason: 'failed', message: expect.stringContaining('timed out') as unknown });
    const healthy = fakeBackend(() => Promise.resolve());
    state.x11Backend = healthy;
    await injector.inject(MOVE, RECT);
    expect(hung.closed).toBe(1);
  });

  it('releases everything on close and refuses events afterwards', async () => {
    let released = 0;
    const backend = fakeBackend(() => Promise.resolve());
    backend.releaseAll = () => { released += 1; return Promise.resolve(); };
    state.x11Backend = backend;
    const injector = createInjector(options({}));
    await injector.releaseAll(); // nothing loaded yet: nothing to do
    expect(released).toBe(0);
    await injector.inject(MOVE, RECT);
    await injector.close();
    expect([released, backend.closed]).toEqual([1, 1]);
    await expect(injector.inject(MOVE, RECT)).rejects.toMatchObject({ reason: 'failed' });
  });
});
