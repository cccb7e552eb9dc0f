/**
 * What the Linux desktop's xdg-desktop-portal answers, checked before use: the portal runs in
 * the user's session but is outside Tandem, so its replies are input like any other. Also the
 * pure facts diagnostics reports about a Wayland desktop (which of view/control it allows).
 */
import * as z from 'zod';

/** RemoteDesktop AvailableDeviceTypes / SelectDevices bits. */
export const DEVICE_KEYBOARD = 1;
export const DEVICE_POINTER = 2;
/** ScreenCast source types: 1 monitor, 2 window. */
export const SOURCE_MONITOR = 1;

const pair = z.tuple([z.number().finite(), z.number().finite()]);

export const createSessionResultsSchema = z.object({ session_handle: z.string().min(1).max(512) });

/** One PipeWire stream of a started session: its node and where it lies in the compositor's space. */
export const portalStreamSchema = z.tuple([
  z.number().int().min(0),
  z.object({ position: pair.optional(), size: z.tuple([z.number().int().min(1), z.number().int().min(1)]).optional() }),
]);

export const startResultsSchema = z.object({
  devices: z.number().int().min(0).optional(),
  streams: z.array(portalStreamSchema).max(16).optional(),
});
export type PortalStartResults = z.infer<typeof startResultsSchema>;

export const portalVersionSchema = z.number().int().min(0).max(1000);

/** What a Wayland desktop lets Tandem do, as diagnostics and the control status report it. */
export interface WaylandAbilities {
  /** The ScreenCast portal is there: the screen can be shared. */
  view: boolean;
  /** The RemoteDesktop portal offers keyboard and pointer: control is possible (after the person agrees). */
  control: boolean;
}

export interface PortalPresence {
  screenCastVersion: number | null;
  remoteDesktopVersion: number | null;
  /** AvailableDeviceTypes bits, or null without a RemoteDesktop portal. */
  remoteDesktopDevices: number | null;
}

export function waylandAbilities(presence: PortalPresence): WaylandAbilities {
  const devices = presence.remoteDesktopDevices ?? 0;
  return {
    view: presence.screenCastVersion !== null,
    // Absolute pointer motion needs a screen-cast stream of the same session, so control needs both portals.
    control:
      presence.screenCastVersion !== null &&
      presence.remoteDesktopVersion !== null &&
      (devices & DEVICE_KEYBOARD) !== 0 &&
      (devices & DEVICE_POINTER) !== 0,
  };
}
