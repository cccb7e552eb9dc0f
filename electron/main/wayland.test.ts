import { describe, expect, it } from 'vitest';
import { applyWaylandSwitches, desktopPicksScreens } from './wayland';

function recorder() {
  const switches: [string, string | undefined][] = [];
  return { switches, appendSwitch: (name: string, value?: string) => void switches.push([name, value]) };
}

describe('Wayland switches', () => {
  it('a Wayland session gets the Ozone hint and the PipeWire capturer', () => {
    const line = recorder();
    expect(applyWaylandSwitches(line, 'linux', { XDG_SESSION_TYPE: 'wayland' })).toBe(true);
    expect(line.switches).toEqual([['ozone-platform-hint', 'auto'], ['enable-features', 'WebRTCPipeWireCapturer']]);
    expect(desktopPicksScreens('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
  });

  it('X11, Windows and macOS are left alone', () => {
    for (const [platform, env] of [['linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }], ['win32', {}], ['darwin', { WAYLAND_DISPLAY: 'x' }]] as const) {
      const line = recorder();
      expect(applyWaylandSwitches(line, platform, env)).toBe(false);
      expect(line.switches).toEqual([]);
    }
  });
});
