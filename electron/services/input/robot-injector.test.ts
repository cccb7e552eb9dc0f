import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log';
import { InjectionError } from './injector';
import { createRobotInjector, wheelAmount, type RobotModule } from './robot-injector';

type Call = [name: string, ...args: unknown[]];

function fakeRobot(failOn?: string): { robot: RobotModule; calls: Call[] } {
  const calls: Call[] = [];
  const record = (name: string) => (...args: unknown[]) => {
    if (name === failOn) throw new Error(`${name} exploded`);
    calls.push([name, ...args]);
  };
  const robot: RobotModule = {
    moveMouse: record('moveMouse'),
    mouseToggle: record('mouseToggle'),
    scrollMouse: record('scrollMouse'),
    keyToggle: record('keyToggle'),
    typeString: record('typeString'),
    unicodeTap: record('unicodeTap'),
    setKeyboardDelay: record('setKeyboardDelay'),
    setMouseDelay: record('setMouseDelay'),
  };
  return { robot, calls };
}

const SECOND = { x: 1920, y: 0, width: 1280, height: 1024 };

function setup(platform: 'win32' | 'darwin' = 'win32', failOn?: string) {
  const { robot, calls } = fakeRobot(failOn);
  const injector = createRobotInjector({ platform, robot, log: silentLogger });
  calls.length = 0; // drop the setup calls checked below
  return { injector, calls };
}

describe('robot injector', () => {
  it('turns robotjs delays off, so the main thread never sleeps in them', () => {
    const { robot, calls } = fakeRobot();
    createRobotInjector({ platform: 'win32', robot, log: silentLogger });
    expect(calls).toEqual([['setKeyboardDelay', 0], ['setMouseDelay', 0]]);
  });

  it('moves and clicks at exact pixels of the chosen screen', async () => {
    const { injector, calls } = setup();
    await injector.inject({ type: 'move', x: 1, y: 1 }, SECOND);
    await injector.inject({ type: 'button', button: 'right', down: true, x: 0, y: 0 }, SECOND);
    await injector.inject({ type: 'button', button: 'right', down: false, x: 0, y: 0 }, SECOND);
    expect(calls).toEqual([
      ['moveMouse', 3199, 1023],
      ['moveMouse', 1920, 0],
      ['mouseToggle', 'down', 'right'],
      ['moveMouse', 1920, 0],
      ['mouseToggle', 'up', 'right'],
    ]);
  });

  it('scrolls in WHEEL_DELTA units on Windows and pixels on macOS, with robotjs signs', async () => {
    const win = setup('win32');
    await win.injector.inject({ type: 'wheel', dx: 0, dy: 300 }, SECOND);
    await win.injector.inject({ type: 'wheel', dx: 100, dy: 0 }, SECOND);
    await win.injector.inject({ type: 'wheel', dx: 0, dy: 0 }, SECOND);
    expect(win.calls).toEqual([['scrollMouse', -0, -360], ['scrollMouse', -120, -0]]);
    const mac = setup('darwin');
    await mac.injector.inject({ type: 'wheel', dx: -2400, dy: 37 }, SECOND);
    expect(mac.calls).toEqual([['scrollMouse', 1000, -37]]);
    expect(wheelAmount('win32', -1)).toBe(120);
  });

  it('presses keys by robotjs name and releases what it holds', async () => {
    const { injector, calls } = setup();
    await injector.inject({ type: 'key', code: 'ControlLeft', down: true }, SECOND);
    await injector.inject({ type: 'key', code: 'KeyA', down: true }, SECOND);
    await injector.inject({ type: 'key', code: 'KeyA', down: false }, SECOND);
    await injector.inject({ type: 'button', button: 'left', down: true, x: 0, y: 0 }, SECOND);
    calls.length = 0;
    await injector.releaseAll();
    expect(calls).toEqual([['keyToggle', 'control', 'up'], ['mouseToggle', 'up', 'left']]);
    calls.length = 0;
    await injector.releaseAll();
    expect(calls).toEqual([]);
  });

  it('types text with typeString, and characters beyond the BMP as surrogates', async () => {
    const { injector, calls } = setup();
    await injector.inject({ type: 'text', text: 'Déjà vu: 3 € ß Ä! @#$%' }, SECOND);
    await injector.inject({ type: 'text', text: 'a😀b' }, SECOND);
    expect(calls).toEqual([
      ['typeString', 'Déjà vu: 3 € ß Ä! @#$%'],
      ['typeString', 'a'],
      ['unicodeTap', 0xd83d],
      ['unicodeTap', 0xde00],
      ['typeString', 'b'],
    ]);
  });

  it('plays combos as chords, released in reverse', async () => {
    const { injector, calls } = setup('win32');
    await injector.inject({ type: 'combo', combo: 'alt-f4' }, SECOND);
    expect(calls).toEqual([['keyToggle', 'alt', 'down'], ['keyToggle', 'f4', 'down'], ['keyToggle', 'f4', 'up'], ['keyToggle', 'alt', 'up']]);
    const mac = setup('darwin');
    await mac.injector.inject({ type: 'combo', combo: 'print-screen' }, SECOND);
    expect(mac.calls.map((call) => call.slice(1).join(' '))).toEqual(['command down', 'shift down', '3 down', '3 up', 'shift up', 'command up']);
  });

  it('refuses Ctrl+Alt+Delete on Windows with a clear reason and presses nothing', async () => {
    const { injector, calls } = setup('win32');
    const error = await injector.inject({ type: 'combo', combo: 'ctrl-alt-delete' }, SECOND).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InjectionError);
    expect(error).toMatchObject({ reason: 'not-supported', message: expect.stringMatching(/Ctrl\+Alt\+Delete/) as unknown });
    expect(calls).toEqual([]);
  });

  it('refuses keys a Mac does not have', async () => {
    const { injector, calls } = setup('darwin');
    await expect(injector.inject({ type: 'key', code: 'Insert', down: true }, SECOND)).rejects.toMatchObject({ reason: 'not-supported' });
    expect(calls).toEqual([]);
  });

  it('turns a throwing native call into a rejection', async () => {
    const { injector } = setup('win32', 'moveMouse');
    await expect(injector.inject({ type: 'move', x: 0, y: 0 }, SECOND)).rejects.toThrow('moveMouse exploded');
  });
});
