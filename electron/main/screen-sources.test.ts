import type { DesktopCapturerSource, NativeImage } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, fakeDisplay } from '../test/fake-electron';
import { createScreenSourceProvider, electronGeometry } from './screen-sources';

vi.mock('electron', async () => (await import('../test/fake-electron')).fakeElectronModule());

beforeEach(() => fake.reset());

function image(dataUrl: string | null): NativeImage {
  return { isEmpty: () => dataUrl === null, toDataURL: () => dataUrl ?? '' } as unknown as NativeImage;
}

function source(id: string, displayId: string, thumbnail: string | null = null): DesktopCapturerSource {
  return { id, name: id, display_id: displayId, thumbnail: image(thumbnail) } as unknown as DesktopCapturerSource;
}

const left = fakeDisplay(11, { x: 0, y: 0, width: 1920, height: 1080 });
const right = fakeDisplay(22, { x: 1920, y: 0, width: 1280, height: 800 }, 1.5);

function listWith(platform: NodeJS.Platform, sources: DesktopCapturerSource[]) {
  return createScreenSourceProvider(() => Promise.resolve(sources), electronGeometry(platform)).list();
}

describe('screen source provider', () => {
  it('lists screens with small PNG thumbnails', async () => {
    const getSources = vi.fn(() => Promise.resolve([source('screen:1:0', '1', 'data:image/png;base64,AAA'), source('screen:2:0', '2')]));
    const sources = await createScreenSourceProvider(getSources, electronGeometry('darwin')).list();
    expect(getSources).toHaveBeenCalledWith({ types: ['screen'], thumbnailSize: { width: 320, height: 200 } });
    expect(sources.map(({ id, name, thumbnail }) => ({ id, name, thumbnail }))).toEqual([
      { id: 'screen:1:0', name: 'screen:1:0', thumbnail: 'data:image/png;base64,AAA' },
      { id: 'screen:2:0', name: 'screen:2:0', thumbnail: null },
    ]);
  });

  it('matches each screen to its display by display_id, untouched points on macOS', async () => {
    fake.electron.screen.getAllDisplays.mockReturnValue([left, right]);
    const sources = await listWith('darwin', [source('screen:b', '22'), source('screen:a', '11')]);
    expect(sources.map((s) => s.bounds)).toEqual([right.bounds, left.bounds]);
    expect(fake.electron.screen.dipToScreenRect).not.toHaveBeenCalled();
    expect(fake.electron.screen.dipToScreenPoint).not.toHaveBeenCalled();
  });

  it('converts to physical pixels with dipToScreenRect on Windows', async () => {
    fake.electron.screen.getAllDisplays.mockReturnValue([left, right]);
    const [screen] = await listWith('win32', [source('screen:b', '22')]);
    expect(fake.electron.screen.dipToScreenRect).toHaveBeenCalledWith(null, right.bounds);
    expect(screen?.bounds).toEqual({ x: 3840, y: 0, width: 2560, height: 1600 });
  });

  it('on X11 maps the origin with dipToScreenPoint and the size by the display’s scale (Electron has no dipToScreenRect there)', async () => {
    fake.electron.screen.getAllDisplays.mockReturnValue([left, right]);
    const [screen] = await listWith('linux', [source('screen:b', '22')]);
    expect(fake.electron.screen.dipToScreenPoint).toHaveBeenCalledWith({ x: 1920, y: 0 });
    expect(fake.electron.screen.dipToScreenRect).not.toHaveBeenCalled();
    expect(screen?.bounds).toEqual({ x: 3840, y: 0, width: 1920, height: 1200 });
  });

  it('takes the only display for the only screen when display_id is empty', async () => {
    fake.electron.screen.getAllDisplays.mockReturnValue([fakeDisplay(7)]);
    const [screen] = await listWith('darwin', [source('screen:0:0', '')]);
    expect(screen?.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });

  it('gives no bounds rather than guess: unknown display, or empty ids with several screens', async () => {
    fake.electron.screen.getAllDisplays.mockReturnValue([left]);
    expect((await listWith('darwin', [source('screen:x', '99')]))[0]?.bounds).toBeNull();
    fake.electron.screen.getAllDisplays.mockReturnValue([left, right]);
    expect((await listWith('darwin', [source('screen:1', ''), source('screen:2', '')])).map((s) => s.bounds)).toEqual([null, null]);
  });

  it('still lists the screens when the display geometry fails', async () => {
    fake.electron.screen.getAllDisplays.mockImplementation(() => {
      throw new Error('no screen');
    });
    const sources = await listWith('linux', [source('screen:1', '1')]);
    expect(sources).toEqual([{ id: 'screen:1', name: 'screen:1', thumbnail: null, bounds: null }]);
  });
});
