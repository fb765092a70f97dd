/** An RGB pixel buffer that styles paint into, 3 bytes per pixel, rows top to bottom. */
export interface RgbCanvas {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createCanvas(width: number, height: number): RgbCanvas {
  return { width, height, data: new Uint8Array(width * height * 3) };
}

/**
 * A 4×4 ordered-dither offset in (-0.5, 0.5) for pixel (x, y). Adding it before rounding
 * to 8 bits breaks up banding in slow gradients, and being periodic it still compresses well.
 */
export function ditherOffset(x: number, y: number): number {
  return BAYER[((y & 3) << 2) | (x & 3)];
}

const BAYER = Float32Array.from([0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5], (v) => (v + 0.5) / 16 - 0.5);

/** Writes a colour given in [0, 1] per channel (values outside are clipped) with dithering. */
export function putPixel(canvas: RgbCanvas, x: number, y: number, r: number, g: number, b: number): void {
  const dither = BAYER[((y & 3) << 2) | (x & 3)];
  const i = (y * canvas.width + x) * 3;
  const data = canvas.data;
  // A Uint8Array store wraps rather than clamps, so clip by hand.
  data[i] = clampByte(r * 255 + 0.5 + dither);
  data[i + 1] = clampByte(g * 255 + 0.5 + dither);
  data[i + 2] = clampByte(b * 255 + 0.5 + dither);
}

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : value;
}
