/** Which kind of Linux desktop session this process runs in, from the environment alone. */

/** A Wayland session: XDG_SESSION_TYPE says so, or a Wayland socket is named (some launchers set only that). */
export function isWaylandSession(env: NodeJS.ProcessEnv): boolean {
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
}
