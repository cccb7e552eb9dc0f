import { describe, expect, it, vi } from 'vitest';
import { createOverlayService, type OverlaySurface } from './overlay';

function fakeSurface() {
  return { send: vi.fn<OverlaySurface['send']>(), setVisible: vi.fn<OverlaySurface['setVisible']>() };
}

describe('overlay service', () => {
  it('opens the surface on the first drawing only, and forwards each message', () => {
    const surface = fakeSurface();
    const open = vi.fn(() => surface);
    const overlay = createOverlayService(open);
    overlay.setHidden(false);
    expect(open).not.toHaveBeenCalled();
    overlay.show({ t: 'overlay.pointer', x: 0.5, y: 0.5 });
    overlay.show({ t: 'overlay.clear' });
    expect(open).toHaveBeenCalledTimes(1);
    expect(surface.send).toHaveBeenLastCalledWith({ type: 'overlay.event', message: { t: 'overlay.clear' } });
    expect(surface.setVisible).toHaveBeenLastCalledWith(true);
  });

  it('drops drawings while hidden and hides the surface', () => {
    const surface = fakeSurface();
    const overlay = createOverlayService(() => surface);
    overlay.show({ t: 'overlay.pointer', x: 0, y: 0 });
    overlay.setHidden(true);
    expect(surface.send).toHaveBeenLastCalledWith({ type: 'overlay.hidden', hidden: true });
    expect(surface.setVisible).toHaveBeenLastCalledWith(false);
    surface.send.mockClear();
    overlay.show({ t: 'overlay.pointer', x: 1, y: 1 });
    expect(surface.send).not.toHaveBeenCalled();
    overlay.setHidden(false);
    overlay.show({ t: 'overlay.pointer', x: 1, y: 1 });
    expect(surface.send).toHaveBeenLastCalledWith({ type: 'overlay.event', message: { t: 'overlay.pointer', x: 1, y: 1 } });
  });
});
