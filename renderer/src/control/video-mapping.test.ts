import { describe, expect, it } from 'vitest';
import { contentBox, normalizedPoint } from './video-mapping';

describe('video mapping', () => {
  it('letterboxes a wide element (bars left and right)', () => {
    // 1280x800 video in a 1000x400 element: scaled to 640x400, 180 px bars on each side.
    expect(contentBox({ left: 0, top: 0, width: 1000, height: 400 }, 1280, 800)).toEqual({ left: 180, top: 0, width: 640, height: 400 });
    expect(normalizedPoint(180, 0, { left: 0, top: 0, width: 1000, height: 400 }, 1280, 800)).toEqual({ x: 0, y: 0 });
    expect(normalizedPoint(820, 400, { left: 0, top: 0, width: 1000, height: 400 }, 1280, 800)).toEqual({ x: 1, y: 1 });
    expect(normalizedPoint(500, 200, { left: 0, top: 0, width: 1000, height: 400 }, 1280, 800)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('letterboxes a tall element (bars top and bottom), with the element offset in the page', () => {
    const element = { left: 20, top: 100, width: 640, height: 1000 };
    expect(contentBox(element, 1280, 800)).toEqual({ left: 20, top: 400, width: 640, height: 400 });
    expect(normalizedPoint(20 + 160, 400 + 300, element, 1280, 800)).toEqual({ x: 0.25, y: 0.75 });
  });

  it('ignores points in the bars and videos without a size', () => {
    const element = { left: 0, top: 0, width: 1000, height: 400 };
    expect(normalizedPoint(100, 200, element, 1280, 800)).toBeNull();
    expect(normalizedPoint(900, 200, element, 1280, 800)).toBeNull();
    expect(normalizedPoint(500, 200, element, 0, 0)).toBeNull();
  });
});
