/**
 * Electron on a Wayland desktop: run as a Wayland client (Ozone) and capture through the
 * desktop's ScreenCast portal with Chromium's PipeWire capturer. Switches must be set before
 * the app is ready, so main.ts calls this first.
 */
import type { CommandLine } from 'electron';
import { isWaylandSession } from '../services/desktop-session';

export function desktopPicksScreens(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && isWaylandSession(env);
}

export function applyWaylandSwitches(commandLine: Pick<CommandLine, 'appendSwitch'>, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (!desktopPicksScreens(platform, env)) return false;
  // A native Wayland window (not XWayland, whose capture would see only X clients).
  commandLine.appendSwitch('ozone-platform-hint', 'auto');
  // Screen capture through xdg-desktop-portal + PipeWire; on by default in recent Chromium, named so it stays on.
  commandLine.appendSwitch('enable-features', 'WebRTCPipeWireCapturer');
  return true;
}
