/**
 * "Start once at the next login": how the app comes back after a restart it asked for.
 * Windows and macOS use the OS's login items (through Electron's app.setLoginItemSettings,
 * passed in); Linux desktops read XDG autostart entries. Both are removed as soon as the
 * ticket is taken or discarded, so Tandem never keeps starting with the session.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const RESUME_FLAG = '--resume-after-restart';
export const AUTOSTART_FILE_NAME = 'tandem-resume.desktop';

export interface NextLoginStart {
  register(): Promise<void>;
  remove(): Promise<void>;
  isRegistered(): Promise<boolean>;
}

/** The part of Electron's `app` that login items need. */
export interface LoginItemsLike {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[]; name?: string }): void;
  /** Windows matches Run entries by executable and arguments (no name); macOS ignores both. */
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
}

/**
 * Windows keys its Run entry by name, so ours gets its own: turning it off never touches an
 * entry the user or IT set up for Tandem. macOS ignores args and name (the ticket, not the
 * flag, is what makes the app offer to continue).
 */
const LOGIN_ITEM = { name: 'TandemResumeAfterRestart', args: [RESUME_FLAG] };

export function createLoginItemStart(app: LoginItemsLike): NextLoginStart {
  return {
    register: () => Promise.resolve(app.setLoginItemSettings({ openAtLogin: true, ...LOGIN_ITEM })),
    remove: () => Promise.resolve(app.setLoginItemSettings({ openAtLogin: false, ...LOGIN_ITEM })),
    isRegistered: () => Promise.resolve(app.getLoginItemSettings({ args: LOGIN_ITEM.args }).openAtLogin),
  };
}

export interface XdgAutostartDeps {
  env: NodeJS.ProcessEnv;
  /** The program to start: the AppImage itself when run from one, else the executable. */
  command: string[];
  home?: string;
}

/** ~/.config/autostart, or $XDG_CONFIG_HOME/autostart when that is set to an absolute path. */
export function autostartDir(env: NodeJS.ProcessEnv, home = homedir()): string {
  const configHome = env.XDG_CONFIG_HOME;
  return join(configHome?.startsWith('/') ? configHome : join(home, '.config'), 'autostart');
}

/** One Exec argument, quoted per the Desktop Entry spec, then escaped as a string value. */
export function quoteExecArg(arg: string): string {
  const quoted = /^[\w\-./:+,=@]+$/.test(arg) ? arg : `"${arg.replace(/["`$\\]/g, (char) => `\\${char}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function desktopEntry(command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Tandem',
    'Comment=Continue the support session after the restart (removed once used)',
    `Exec=${[...command, RESUME_FLAG].map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'NoDisplay=true',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function createXdgAutostart(deps: XdgAutostartDeps): NextLoginStart & { readonly filePath: string } {
  const dir = autostartDir(deps.env, deps.home);
  const filePath = join(dir, AUTOSTART_FILE_NAME);
  return {
    filePath,
    async register() {
      await mkdir(dir, { recursive: true });
      await writeFile(filePath, desktopEntry(deps.command), { mode: 0o644 });
    },
    remove: () => rm(filePath, { force: true }),
    isRegistered: () =>
      readFile(filePath, 'utf8').then(
        (text) => text.includes(RESUME_FLAG),
        () => false,
      ),
  };
}

/** The command an XDG entry starts: an AppImage is started through its own file, not the mounted copy. */
export function linuxAppCommand(env: NodeJS.ProcessEnv, execPath: string): string[] {
  return [env.APPIMAGE?.startsWith('/') ? env.APPIMAGE : execPath];
}
