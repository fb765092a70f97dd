/**
 * Decodes provider images to RGBA in pure JavaScript (the Convex runtime has no
 * native image codecs), for placeholders: 8-bit non-interlaced PNG and JPEG.
 * Anything else gives null, and the image simply has no placeholder.
 */
import { unzlibSync } from "fflate";
import jpeg from "jpeg-js";

export type Rgba = { width: number; height: number; rgba: Uint8Array };

const MAX_PIXELS = 50_000_000;

function u32(b: Uint8Array, i: number) {
  return ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
}

function paeth(a: number, b: number, c: number) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(b: Uint8Array): Rgba | null {
  const width = u32(b, 16);
  const height = u32(b, 20);
  const [depth, colorType, , , interlace] = b.subarray(24, 29);
  const channels = CHANNELS[colorType];
  if (depth !== 8 || !channels || interlace !== 0 || width * height > MAX_PIXELS) return null;
  const chunks: Uint8Array[] = [];
  for (let i = 8; i + 8 <= b.length;) {
    const length = u32(b, i);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    if (type === "IDAT") chunks.push(b.subarray(i + 8, i + 8 + length));
    if (type === "IEND") break;
    i += 12 + length;
  }
  const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    joined.set(c, offset);
    offset += c.length;
  }
  const raw = unzlibSync(joined);
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) return null;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[row + x - channels] : 0;
      const up = y > 0 ? pixels[row - stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[row - stride + x - channels] : 0;
      const v = raw[src + x];
      pixels[row + x] =
        filter === 0
          ? v
          : filter === 1
            ? v + a
            : filter === 2
              ? v + up
              : filter === 3
                ? v + ((a + up) >> 1)
                : v + paeth(a, up, c);
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const gray = channels <= 2;
    rgba[p * 4] = pixels[s];
    rgba[p * 4 + 1] = gray ? pixels[s] : pixels[s + 1];
    rgba[p * 4 + 2] = gray ? pixels[s] : pixels[s + 2];
    rgba[p * 4 + 3] = channels === 4 ? pixels[s + 3] : channels === 2 ? pixels[s + 1] : 255;
  }
  return { width, height, rgba };
}

export function decodeImage(bytes: Uint8Array, format: string): Rgba | null {
  try {
    if (format === "png") return decodePng(bytes);
    if (format === "jpg") {
      const out = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6 });
      return { width: out.width, height: out.height, rgba: out.data };
    }
  } catch {
    // A corrupt image gets no placeholder; it is still stored as sent.
  }
  return null;
}

/** Box-filters an image down so its long edge is at most `edge` pixels. */
export function shrink(image: Rgba, edge: number): Rgba {
  const scale = Math.min(1, edge / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      const sum = [0, 0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * image.width + sx) * 4;
          for (let k = 0; k < 4; k++) sum[k] += image.rgba[i + k];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      for (let k = 0; k < 4; k++) rgba[(y * width + x) * 4 + k] = Math.round(sum[k] / n);
    }
  }
  return { width, height, rgba };
}
