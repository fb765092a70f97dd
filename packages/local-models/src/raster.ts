/** An RGB pixel buffer that styles paint into: 3 bytes per pixel, rows top to bottom. */
export class RgbCanvas {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 3);
  }

  /**
   * Writes a colour given in [0, 1] per channel (values outside are clipped), with a 4×4
   * ordered dither added before rounding: it breaks up banding in slow gradients, and being
   * periodic it still compresses well.
   */
  setPixel(x: number, y: number, r: number, g: number, b: number): void {
    const dither = BAYER[((y & 3) << 2) | (x & 3)];
    const i = (y * this.width + x) * 3;
    const data = this.data;
    // A Uint8Array store wraps rather than clamps, so clip by hand.
    r = r * 255 + dither;
    g = g * 255 + dither;
    b = b * 255 + dither;
    data[i] = r <= 0 ? 0 : r >= 255 ? 255 : r;
    data[i + 1] = g <= 0 ? 0 : g >= 255 ? 255 : g;
    data[i + 2] = b <= 0 ? 0 : b >= 255 ? 255 : b;
  }
}

/** Dither offsets in (0, 1): adding them and truncating rounds to nearest on average. */
const BAYER = Float32Array.from([0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5], (v) => (v + 0.5) / 16);
