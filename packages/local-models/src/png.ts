import { crc32 } from "./checksums";
import { zlibCompress } from "./deflate";

/** Raw 8-bit pixels, row by row, top to bottom: RGB (3 channels) or RGBA (4). */
export interface RasterImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOR_TYPE = { 3: 2, 4: 6 } as const;
/** PNG limits width and height to 2^31 - 1; far beyond anything we render. */
const MAX_PNG_DIMENSION = 0x7fff_ffff;

/** Encodes pixels as a PNG (8-bit truecolour, non-interlaced). */
export function encodePng(image: RasterImage): Uint8Array {
  const { width, height, channels, data } = image;
  for (const [name, value] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_PNG_DIMENSION) {
      throw new RangeError(`encodePng: ${name} must be a positive integer, got ${value}`);
    }
  }
  if (channels !== 3 && channels !== 4)
    throw new RangeError(`encodePng: channels must be 3 or 4, got ${String(channels)}`);
  if (data.length !== width * height * channels) {
    throw new RangeError(
      `encodePng: expected ${width * height * channels} bytes for ${width}×${height}×${channels}, got ${data.length}`,
    );
  }

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = COLOR_TYPE[channels];
  // Bytes 10–12 stay 0: deflate compression, adaptive filtering, no interlace.

  const compressed = zlibCompress(filterScanlines(data, width, height, channels));
  const chunks = [chunk("IHDR", header), chunk("IDAT", compressed), chunk("IEND", new Uint8Array(0))];
  const png = new Uint8Array(PNG_SIGNATURE.length + chunks.reduce((sum, c) => sum + c.length, 0));
  png.set(PNG_SIGNATURE);
  let offset = PNG_SIGNATURE.length;
  for (const c of chunks) {
    png.set(c, offset);
    offset += c.length;
  }
  return png;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(12 + body.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) bytes[4 + i] = type.charCodeAt(i);
  bytes.set(body, 8);
  view.setUint32(8 + body.length, crc32(bytes, 4, 8 + body.length));
  return bytes;
}

const FILTER_SUB = 1;
const FILTER_UP = 2;
const FILTER_AVERAGE = 3;

/**
 * Prefixes each row with a filter type and replaces its bytes by the filter's residuals.
 * Per row it keeps whichever of Sub, Up and Average gives the smallest sum of absolute
 * residuals (the heuristic the PNG spec suggests), computing all three in one pass.
 * Paeth compresses our images no better than Average here, and its data-dependent branches
 * made filtering three times slower.
 */
function filterScanlines(data: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array((stride + 1) * height);
  // The first row has no row above, where Up and Average lose their point: use Sub.
  out[0] = FILTER_SUB;
  for (let i = 0; i < stride; i++) out[1 + i] = (data[i] - (i >= bpp ? data[i - bpp] : 0)) & 0xff;

  const sub = new Uint8Array(stride);
  const up = new Uint8Array(stride);
  const average = new Uint8Array(stride);
  for (let y = 1; y < height; y++) {
    const row = y * stride;
    const above = row - stride;
    let subScore = 0;
    let upScore = 0;
    let averageScore = 0;
    for (let i = 0; i < stride; i++) {
      const x = data[row + i];
      const a = i >= bpp ? data[row + i - bpp] : 0;
      const b = data[above + i];
      const rSub = (x - a) & 0xff;
      const rUp = (x - b) & 0xff;
      const rAverage = (x - ((a + b) >> 1)) & 0xff;
      sub[i] = rSub;
      up[i] = rUp;
      average[i] = rAverage;
      // Residuals are signed (255 means -1): score by distance from zero, branch-free.
      subScore += 128 - Math.abs(128 - ((rSub + 128) & 0xff));
      upScore += 128 - Math.abs(128 - ((rUp + 128) & 0xff));
      averageScore += 128 - Math.abs(128 - ((rAverage + 128) & 0xff));
    }
    const target = y * (stride + 1);
    if (upScore <= subScore && upScore <= averageScore) {
      out[target] = FILTER_UP;
      out.set(up, target + 1);
    } else if (averageScore <= subScore) {
      out[target] = FILTER_AVERAGE;
      out.set(average, target + 1);
    } else {
      out[target] = FILTER_SUB;
      out.set(sub, target + 1);
    }
  }
  return out;
}
