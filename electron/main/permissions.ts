/**
 * Default-deny permission handlers for the default session. Chromium would otherwise grant
 * many permissions silently in Electron; here only the app's own top-level page may get
 * screen capture, and nothing else is granted to anyone.
 */
import { session, type Session } from 'electron';
import type { Logger } from '../../shared/log';
import { isAppOrigin } from './app-origin';

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0] & {};
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0] & {};
export type Permission = Parameters<PermissionRequestHandler>[1];

/**
 * In Electron 45, getDisplayMedia asks for 'display-capture'; 'media' is camera and
 * microphone, and is handled apart: the microphone only (voice calls), never the camera.
 */
export const DEFAULT_ALLOWED_PERMISSIONS: readonly Permission[] = ['display-capture'];

export interface PermissionPolicy {
  isAppOrigin: (urlOrOrigin: string | null | undefined) => boolean;
  allowed?: readonly Permission[];
  /** Voice calls: the microphone may be granted to the app's page (the managed policy may say no). */
  microphone?: boolean;
  log: Logger;
}

export function createPermissionHandlers(policy: PermissionPolicy): {
  request: PermissionRequestHandler;
  check: PermissionCheckHandler;
  device: () => boolean;
} {
  const allowed = new Set<Permission>(policy.allowed ?? DEFAULT_ALLOWED_PERMISSIONS);
  return {
    request(_contents, permission, callback, details) {
      // Granted only to the app's main frame: an iframe, even of our own origin, gets nothing.
      const audioOnly = 'mediaTypes' in details && Array.isArray(details.mediaTypes) && details.mediaTypes.length > 0 && details.mediaTypes.every((type) => type === 'audio');
      const kindAllowed = permission === 'media' ? policy.microphone === true && audioOnly : allowed.has(permission);
      const granted = kindAllowed && details.isMainFrame && policy.isAppOrigin(details.requestingUrl);
      if (!granted) policy.log.warn('permission.denied', { permission, url: details.requestingUrl.slice(0, 200) });
      callback(granted);
    },
    check(_contents, permission, requestingOrigin, details) {
      const kindAllowed = permission === 'media' ? policy.microphone === true && details.mediaType === 'audio' : allowed.has(permission);
      return kindAllowed && details.isMainFrame && policy.isAppOrigin(requestingOrigin);
    },
    // HID, serial, USB and the like: never.
    device: () => false,
  };
}

export function setupPermissions(log: Logger, microphone: boolean, target: Session = session.defaultSession): void {
  const handlers = createPermissionHandlers({ isAppOrigin, log, microphone });
  target.setPermissionRequestHandler(handlers.request);
  target.setPermissionCheckHandler(handlers.check);
  target.setDevicePermissionHandler(handlers.device);
}
