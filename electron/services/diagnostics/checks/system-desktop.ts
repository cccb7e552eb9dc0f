import { waylandAbilities, type PortalPresence } from '../../../../shared/desktop-portal';
import { isWaylandSession } from '../../desktop-session';
import { probePortals } from '../../portal/portal-presence';
import { outcome, say, type CheckDefinition } from '../check';

function portalsDetail(presence: PortalPresence): string {
  const version = (value: number | null) => (value === null ? 'absent' : `version ${value}`);
  return `ScreenCast portal ${version(presence.screenCastVersion)}, RemoteDesktop portal ${version(presence.remoteDesktopVersion)}` +
    (presence.remoteDesktopDevices === null ? '' : ` (device types ${presence.remoteDesktopDevices})`);
}

/**
 * Which of viewing and control this desktop allows. On Wayland only the desktop's own portals
 * can share the screen (ScreenCast) and inject input (RemoteDesktop), so their presence and
 * version are what matter; on X11, Windows and macOS Tandem does both itself.
 */
export const systemDesktop: CheckDefinition = {
  id: 'system.desktop',
  category: 'system',
  async run(ctx) {
    if (ctx.platform !== 'linux') {
      return outcome('ok', say('The screen can be shared and controlled once you allow it.', 'L’écran peut être partagé et contrôlé une fois que vous l’avez permis.'), `platform ${ctx.platform}`, { sessionType: ctx.platform });
    }
    if (!isWaylandSession(ctx.env)) {
      const data = { sessionType: ctx.env.XDG_SESSION_TYPE ?? 'x11', view: true, control: Boolean(ctx.env.DISPLAY) };
      return outcome(
        'ok',
        say('X11 desktop: the screen can be shared and controlled once you allow it.', 'Bureau X11 : l’écran peut être partagé et contrôlé une fois que vous l’avez permis.'),
        `session ${data.sessionType}, DISPLAY ${ctx.env.DISPLAY ?? 'not set'}`,
        data,
      );
    }
    const presence = await probePortals(ctx.env.DBUS_SESSION_BUS_ADDRESS);
    const abilities = waylandAbilities(presence);
    const detail = `session wayland (${ctx.env.XDG_CURRENT_DESKTOP ?? 'unknown desktop'}), ${portalsDetail(presence)}`;
    const data = { sessionType: 'wayland', ...presence, ...abilities };
    if (abilities.control) {
      return outcome(
        'ok',
        say(
          'Wayland desktop: the screen can be shared and controlled. The desktop asks you itself, in its own window, before each.',
          'Bureau Wayland : l’écran peut être partagé et contrôlé. Le bureau vous le demande lui-même, dans sa propre fenêtre, avant chaque partage.',
        ),
        detail,
        data,
      );
    }
    if (abilities.view) {
      return outcome(
        'warn',
        say(
          'Wayland desktop: the screen can be shared, but this desktop allows viewing and guiding only, not remote control.',
          'Bureau Wayland : l’écran peut être partagé, mais ce bureau permet seulement de voir et de guider, pas le contrôle à distance.',
        ),
        detail,
        data,
      );
    }
    return outcome(
      'fail',
      say(
        'Wayland desktop without its screen-sharing service (desktop portal): the screen cannot be shared. Installing the desktop’s “xdg-desktop-portal” package usually fixes this.',
        'Bureau Wayland sans son service de partage d’écran (portail du bureau) : l’écran ne peut pas être partagé. Installer le paquet « xdg-desktop-portal » du bureau règle généralement ce problème.',
      ),
      detail,
      data,
    );
  },
};
