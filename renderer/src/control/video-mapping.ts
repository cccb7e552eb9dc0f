/**
 * Where a pointer over the consultant's video lands on the user's screen. The video is
 * scaled to fit (object-fit: contain), so it may be letterboxed on two sides; points in
 * the bars are outside the user's screen and give null.
 */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function contentBox(element: Rect, videoWidth: number, videoHeight: number): Rect | null {
  if (videoWidth <= 0 || videoHeight <= 0 || element.width <= 0 || element.height <= 0) return null;
  const scale = Math.min(element.width / videoWidth, element.height / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { left: element.left + (element.width - width) / 2, top: element.top + (element.height - height) / 2, width, height };
}

export function normalizedPoint(clientX: number, clientY: number, element: Rect, videoWidth: number, videoHeight: number): { x: number; y: number } | null {
  const box = contentBox(element, videoWidth, videoHeight);
  if (!box) return null;
  const x = (clientX - box.left) / box.width;
  const y = (clientY - box.top) / box.height;
  if (x < 0 || x > 1 || y < 0 || y > 1) return null;
  return { x, y };
}
