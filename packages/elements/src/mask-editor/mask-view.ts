/**
 * The mask editor's view arithmetic, apart from the element so it can be read (and tested) on its
 * own: zoom steps and limits, where a pointer falls in the image's pixels, and the pinch gesture.
 * Zoom 1 fits the whole image in the stage; higher zooms scroll.
 */

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
const ZOOM_STEPS = [1, 1.5, 2, 3, 4, 6, 8];

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(zoom) ? zoom : MIN_ZOOM));
}

/** The next zoom step in `direction` (+1 in, -1 out) from `zoom`. */
export function zoomStep(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((step) => step > zoom + 0.01) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((step) => step < zoom - 0.01) ?? MIN_ZOOM;
}

/** Screen pixels per image pixel at zoom 1: the whole image inside a `box` (0 until both are known). */
export function fitScale(box: { width: number; height: number }, image: { width: number; height: number }): number {
  if (!image.width || !image.height || !box.width || !box.height) return 0;
  return Math.min(box.width / image.width, box.height / image.height);
}

/** Where a client point falls in the image's pixels, given where the image is drawn (`rect`), kept inside it. */
export function imagePoint(
  client: { x: number; y: number },
  rect: { left: number; top: number; width: number; height: number },
  image: { width: number; height: number },
): [number, number] {
  const x = ((client.x - rect.left) / (rect.width || 1)) * image.width;
  const y = ((client.y - rect.top) / (rect.height || 1)) * image.height;
  return [Math.min(image.width, Math.max(0, x)), Math.min(image.height, Math.max(0, y))];
}

/** Two touching fingers: their distance and midpoint, in client pixels. */
export function pinchOf(points: Iterable<{ x: number; y: number }>): { distance: number; x: number; y: number } {
  const [a, b] = [...points];
  if (!a || !b) return { distance: 0, x: 0, y: 0 };
  return { distance: Math.hypot(b.x - a.x, b.y - a.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
