/**
 * Which desktop portals this session has, and in which version: read from the portal's own
 * `version` and `AvailableDeviceTypes` properties. A missing interface is an answer (null), not
 * an error; an unreachable session bus means no portal at all.
 */
import { portalVersionSchema, type PortalPresence } from '../../../shared/desktop-portal';
import { connectPortal, PortalError, REMOTE_DESKTOP, SCREEN_CAST, type PortalBus } from './portal-bus';

async function numberOrNull(read: Promise<unknown>): Promise<number | null> {
  try {
    const parsed = portalVersionSchema.safeParse(await read);
    return parsed.success ? parsed.data : null;
  } catch (error) {
    if (error instanceof PortalError && error.failure === 'absent') return null;
    throw error;
  }
}

export async function readPortalPresence(bus: PortalBus): Promise<PortalPresence> {
  const [screenCastVersion, remoteDesktopVersion, remoteDesktopDevices] = await Promise.all([
    numberOrNull(bus.property(SCREEN_CAST, 'version')),
    numberOrNull(bus.property(REMOTE_DESKTOP, 'version')),
    numberOrNull(bus.property(REMOTE_DESKTOP, 'AvailableDeviceTypes')),
  ]);
  return { screenCastVersion, remoteDesktopVersion, remoteDesktopDevices };
}

/** Connects, reads, disconnects: for diagnostics, which must never keep a connection open. */
export async function probePortals(busAddress: string | undefined): Promise<PortalPresence> {
  const bus = connectPortal(busAddress ? { busAddress } : {});
  try {
    return await readPortalPresence(bus);
  } finally {
    bus.disconnect();
  }
}
