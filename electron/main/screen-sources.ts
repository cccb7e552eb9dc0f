import { desktopCapturer, screen, type DesktopCapturerSource, type Display, type Rectangle, type SourcesOptions } from 'electron';
import { DESKTOP_PICKER_SOURCE_ID } from '../../shared/host-api';
import type { ScreenBounds, ScreenSourceProvider } from '../services/capture';

export type GetSources = (options: SourcesOptions) => Promise<DesktopCapturerSource[]>;

export interface DisplayGeometry {
  displays: () => Display[];
  /** A display's bounds (DIP) in the injector's space: physical pixels on Windows and X11, points on macOS. */
  toInjector: (display: Display) => Rectangle;
}

/**
 * Electron 45 has dipToScreenRect on Windows only (calling it on Linux would throw and break
 * the screen list); on X11 it has dipToScreenPoint, which maps a display's DIP origin to its
 * native origin, and the size scales by the display's own factor (what that call does too).
 */
export function electronGeometry(platform: NodeJS.Platform = process.platform): DisplayGeometry {
  return {
    displays: () => screen.getAllDisplays(),
    toInjector: ({ bounds, scaleFactor }) => {
      if (platform === 'win32') return screen.dipToScreenRect(null, bounds);
      if (platform !== 'linux') return bounds;
      const origin = screen.dipToScreenPoint({ x: bounds.x, y: bounds.y });
      return { x: origin.x, y: origin.y, width: Math.round(bounds.width * scaleFactor), height: Math.round(bounds.height * scaleFactor) };
    },
  };
}

/**
 * Whole screens only: sharing a single window is not offered (yet). Each screen carries the
 * bounds remote control maps onto: physical pixels on Windows and X11 (what SendInput and
 * XTEST use), points on macOS (what CGEvent uses).
 */
export function createScreenSourceProvider(
  getSources: GetSources = (options) => desktopCapturer.getSources(options),
  geometry: DisplayGeometry = electronGeometry(),
  /** Wayland: listing would already open the desktop's own picker, so nothing is listed here. */
  desktopPicks = false,
): ScreenSourceProvider {
  if (desktopPicks) {
    return {
      list() {
        const displays = orNull(() => geometry.displays()) ?? [];
        // The name is shown by the renderer in the person's language; this one is for logs only.
        const only = displays.length === 1 ? displays[0] : undefined;
        return Promise.resolve([{ id: DESKTOP_PICKER_SOURCE_ID, name: 'chosen in the desktop’s window', thumbnail: null, bounds: only ? orNull(() => geometry.toInjector(only)) : null }]);
      },
    };
  }
  return {
    async list() {
      const sources = await getSources({ types: ['screen'], thumbnailSize: { width: 320, height: 200 } });
      // Sharing must not depend on control: if the geometry fails, screens list without bounds.
      const displays = orNull(() => geometry.displays()) ?? [];
      return sources.map((source) => ({
        id: source.id,
        name: source.name,
        thumbnail: source.thumbnail.isEmpty() ? null : source.thumbnail.toDataURL(),
        bounds: boundsOf(source, sources.length, displays, geometry),
      }));
    },
  };
}

/**
 * Null when the screen cannot be told apart for sure: remote control then refuses to inject
 * rather than land on the wrong screen.
 */
function boundsOf(source: DesktopCapturerSource, sourceCount: number, displays: Display[], geometry: DisplayGeometry): ScreenBounds | null {
  const matched = source.display_id === '' ? undefined : displays.find((candidate) => String(candidate.id) === source.display_id);
  // Some Linux setups report an empty display_id; with one screen and one display they are the
  // same. A non-empty id that matches nothing is not guessed at: the layout changed under us.
  const display = matched ?? (source.display_id === '' && sourceCount === 1 && displays.length === 1 ? displays[0] : undefined);
  return display ? orNull(() => geometry.toInjector(display)) : null;
}

function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
