/**
 * A real headless GNOME Wayland desktop for tests (RECIPES "Wayland"): a private session bus,
 * PipeWire + WirePlumber, mutter with one virtual 1280x800 monitor, xdg-desktop-portal-gnome
 * and xdg-desktop-portal, all in a temporary folder and stopped afterwards. Nothing here is
 * mocked: the portals answer exactly as on a person's GNOME desktop, dialogs included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const MONITOR = { width: 1280, height: 800 };

export interface GnomeDesktop {
  /** Environment for clients of this desktop (Chromium, the injector, the Mutter driver). */
  env: NodeJS.ProcessEnv;
  busAddress: string;
  dir: string;
  stop(): Promise<void>;
}

/** Programs the desktop needs, from Debian's packages (`.ci/run` installs them). */
const PROGRAMS = ['/usr/bin/dbus-daemon', '/usr/bin/mutter', '/usr/bin/pipewire', '/usr/bin/wireplumber', '/usr/libexec/xdg-desktop-portal', '/usr/libexec/xdg-desktop-portal-gnome'];

/** Why this machine cannot start the desktop, or null when it can try. */
export function missingPrograms(): string | null {
  const missing = PROGRAMS.filter((program) => !existsSync(program));
  return missing.length > 0 ? `not installed: ${missing.join(', ')}` : null;
}

async function waitFor(what: string, ready: () => boolean | Promise<boolean>, children: ChildProcess[], timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    const dead = children.find((child) => child.exitCode !== null);
    if (dead) throw new Error(`${what}: ${String(dead.spawnargs[0])} exited with ${String(dead.exitCode)}`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function busHasName(env: NodeJS.ProcessEnv, name: string): Promise<boolean> {
  const child = spawn('busctl', ['--user', 'status', name], { env, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code === 0)));
}

export async function startGnomeDesktop(): Promise<GnomeDesktop> {
  const missing = missingPrograms();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'tandem-gnome-'));
  const run = join(dir, 'run');
  mkdirSync(run, { mode: 0o700 });
  mkdirSync(join(dir, 'home'));
  const busAddress = `unix:path=${join(run, 'bus')}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(dir, 'home'),
    XDG_RUNTIME_DIR: run,
    XDG_CURRENT_DESKTOP: 'GNOME',
    XDG_SESSION_TYPE: 'wayland',
    DBUS_SESSION_BUS_ADDRESS: busAddress,
    WAYLAND_DISPLAY: 'wayland-0',
    // No GPU: Mesa's software renderer.
    LIBGL_ALWAYS_SOFTWARE: '1',
  };
  const children: ChildProcess[] = [];
  const start = (name: string, command: string, args: string[]) => {
    const log = openSync(join(dir, `${name}.log`), 'a');
    const child = spawn(command, args, { env, stdio: ['ignore', log, log], detached: true });
    children.push(child);
    return child;
  };
  const stop = async () => {
    for (const child of [...children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Each child leads its own process group: the portal backends it spawned go with it.
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([exited, sleep(2000)]);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    start('dbus', 'dbus-daemon', ['--session', `--address=${busAddress}`, '--nofork', '--nopidfile']);
    await waitFor('session bus', () => existsSync(join(run, 'bus')), children);
    start('pipewire', 'pipewire', []);
    await waitFor('pipewire', () => existsSync(join(run, 'pipewire-0')), children);
    start('wireplumber', 'wireplumber', []);
    start('mutter', 'mutter', ['--headless', '--wayland', '--no-x11', '--virtual-monitor', `${MONITOR.width}x${MONITOR.height}`, '--wayland-display=wayland-0']);
    await waitFor('mutter', () => existsSync(join(run, 'wayland-0')), children);
    await waitFor('mutter remote desktop', () => busHasName(env, 'org.gnome.Mutter.RemoteDesktop'), children);
    start('portal-gnome', '/usr/libexec/xdg-desktop-portal-gnome', []);
    await waitFor('portal backend', () => busHasName(env, 'org.freedesktop.impl.portal.desktop.gnome'), children);
    start('portal', '/usr/libexec/xdg-desktop-portal', ['-r']);
    await waitFor('portal', () => busHasName(env, 'org.freedesktop.portal.Desktop'), children);
  } catch (error) {
    const logs = ['mutter', 'portal', 'portal-gnome']
      .map((name) => { try { return `${name}: ${readFileSync(join(dir, `${name}.log`), 'utf8').slice(-600)}`; } catch { return ''; } })
      .join('\n');
    await stop();
    throw new Error(`the headless GNOME desktop did not start: ${error instanceof Error ? error.message : String(error)}\n${logs}`);
  }
  return { env, busAddress, dir, stop };
}
