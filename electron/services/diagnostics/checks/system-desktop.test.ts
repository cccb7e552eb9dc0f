/**
 * The desktop check against real session buses: the headless GNOME desktop's own portals, and
 * a bare dbus-daemon with no portal at all (a Wayland desktop missing xdg-desktop-portal).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingPrograms, startGnomeDesktop, type GnomeDesktop } from '../../../test/gnome-desktop';
import { runCheck } from '../check';
import { config, fakeContext } from '../test-fixtures';
import { systemDesktop } from './system-desktop';

const run = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform = 'linux') => runCheck(systemDesktop, config(), fakeContext({ env, platform }));

describe('system.desktop without a desktop', () => {
  it('X11 and other systems: sharing and control, in plain words', async () => {
    expect(await run({ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' })).toMatchObject({ status: 'ok', data: { sessionType: 'x11', view: true, control: true } });
    expect((await run({}, 'win32')).status).toBe('ok');
  });

  it('a Wayland session whose bus has no portal cannot share, and says how to fix it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-bus-'));
    const address = `unix:path=${join(dir, 'bus')}`;
    // A bus with no service folders, so it cannot start a portal on demand even where one is installed.
    const busConfig = join(dir, 'bus.conf');
    writeFileSync(busConfig, `<busconfig><type>session</type><listen>${address}</listen><auth>EXTERNAL</auth>
      <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`);
    const bus: ChildProcess = spawn('dbus-daemon', [`--config-file=${busConfig}`, '--nofork', '--nopidfile'], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(join(dir, 'bus')); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      const result = await run({ XDG_SESSION_TYPE: 'wayland', DBUS_SESSION_BUS_ADDRESS: address });
      expect(result).toMatchObject({ status: 'fail', data: { view: false, control: false, screenCastVersion: null } });
      expect(result.verdict.en).toContain('cannot be shared');
      expect(result.verdict.fr).toContain('ne peut pas être partagé');
    } finally {
      bus.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const unavailable = process.env.CI ? null : missingPrograms();
if (unavailable) process.stderr.write(`[system-desktop.test] GNOME part skipped: the headless desktop cannot start here (${unavailable})\n`);

describe.skipIf(unavailable !== null)('system.desktop on a real GNOME Wayland desktop', () => {
  let desktop: GnomeDesktop;
  beforeAll(async () => { desktop = await startGnomeDesktop(); }, 30_000);
  afterAll(async () => { await desktop?.stop(); });

  it('reads both portals’ versions and says view and control are possible', async () => {
    const result = await run(desktop.env);
    expect(result).toMatchObject({ status: 'ok', data: { sessionType: 'wayland', view: true, control: true } });
    expect(result.data?.screenCastVersion).toBeGreaterThanOrEqual(1);
    expect(result.data?.remoteDesktopVersion).toBeGreaterThanOrEqual(1);
    expect(result.detail).toMatch(/ScreenCast portal version \d+, RemoteDesktop portal version \d+/);
    expect(result.verdict.fr).toContain('Bureau Wayland');
  });
});
