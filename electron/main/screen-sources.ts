import { desktopCapturer, type DesktopCapturerSource, type SourcesOptions } from 'electron';
import type { ScreenSourceProvider } from '../services/capture';

export type GetSources = (options: SourcesOptions) => Promise<DesktopCapturerSource[]>;

/** Whole screens only: sharing a single window is not offered (yet). */
export function createScreenSourceProvider(getSources: GetSources = (options) => desktopCapturer.getSources(options)): ScreenSourceProvider {
  return {
    async list() {
      const sources = await getSources({ types: ['screen'], thumbnailSize: { width: 320, height: 200 } });
      return sources.map((source) => ({
        id: source.id,
        name: source.name,
        thumbnail: source.thumbnail.isEmpty() ? null : source.thumbnail.toDataURL(),
      }));
    },
  };
}
