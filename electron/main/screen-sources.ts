import { desktopCapturer, screen, type DesktopCapturerSource, type Display, type Rectangle, type SourcesOptions } from 'electron';
import type { ScreenBounds, ScreenSourceProvider } from '../services/capture';

export type GetSources = (options: SourcesOptions) => Promise<DesktopCapturerSource[]>;

export interface DisplayGeometry {
  displays: () => Display[];
  /** DIP → physical pixels; Electron offers it on Windows and Linux. */
  toPhysical: (rect: Rectangle) => Rectangle;
}

const electronGeometry: DisplayGeometry = {
  displays: () => screen.getAllDisplays(),
  toPhysical: (rect) => (process.platform === 'darwin' ? rect : screen.dipToScreenRect(null, rect)),
};

/**
 * Whole screens only: sharing a single window is not offered (yet). Each screen carries the
 * bounds remote control maps onto: physical pixels on Windows and X11 (what SendInput and
 * XTEST use), points on macOS (what CGEvent uses).
 */
export function createScreenSourceProvider(
  getSources: GetSources = (options) => desktopCapturer.getSources(options),
  geometry: DisplayGeometry = electronGeometry,
): ScreenSourceProvider {
  return {
    async list() {
      const sources = await getSources({ types: ['screen'], thumbnailSize: { width: 320, height: 200 } });
      const displays = geometry.displays();
      return sources.map((source) => ({
        id: source.id,
        name: source.name,
        thumbnail: source.thumbnail.isEmpty() ? null : source.thumbnail.toDataURL(),
        bounds: boundsOf(source, displays, geometry),
      }));
    },
  };
}

function boundsOf(source: DesktopCapturerSource, displays: Display[], geometry: DisplayGeometry): ScreenBounds | null {
  // A single display may report an empty display_id on some Linux setups; it is then the only one.
  const display = displays.find((candidate) => String(candidate.id) === source.display_id) ?? (displays.length === 1 ? displays[0] : undefined);
  return display ? geometry.toPhysical(display.bounds) : null;
}
