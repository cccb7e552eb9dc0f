import type { DesktopCapturerSource, NativeImage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createScreenSourceProvider } from './screen-sources';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

function image(dataUrl: string | null): NativeImage {
  return { isEmpty: () => dataUrl === null, toDataURL: () => dataUrl ?? '' } as unknown as NativeImage;
}

describe('screen source provider', () => {
  it('lists screens with small PNG thumbnails', async () => {
    const getSources = vi.fn(() =>
      Promise.resolve([
        { id: 'screen:1:0', name: 'Screen 1', thumbnail: image('data:image/png;base64,AAA') },
        { id: 'screen:2:0', name: 'Screen 2', thumbnail: image(null) },
      ] as DesktopCapturerSource[]),
    );
    const sources = await createScreenSourceProvider(getSources).list();
    expect(getSources).toHaveBeenCalledWith({ types: ['screen'], thumbnailSize: { width: 320, height: 200 } });
    expect(sources).toEqual([
      { id: 'screen:1:0', name: 'Screen 1', thumbnail: 'data:image/png;base64,AAA' },
      { id: 'screen:2:0', name: 'Screen 2', thumbnail: null },
    ]);
  });
});
