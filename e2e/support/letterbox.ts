/**
 * Where a point of the shared screen appears inside a video element shown with
 * `object-fit: contain`: the letterbox arithmetic, done here independently of the app's own.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function pointInContainedVideo(box: Box, screen: { x: number; y: number }, screenSize: { width: number; height: number }): { x: number; y: number } {
  const scale = Math.min(box.width / screenSize.width, box.height / screenSize.height);
  const left = box.x + (box.width - screenSize.width * scale) / 2;
  const top = box.y + (box.height - screenSize.height * scale) / 2;
  return { x: left + screen.x * scale, y: top + screen.y * scale };
}
