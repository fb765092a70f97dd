// Test-only PNG decoder. It uses Node's zlib so that our encoder is checked against an
// independent inflate and CRC, not against itself. Never import this from library code.
import { crc32, inflateSync } from "node:zlib";

export interface DecodedPng {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
  chunkTypes: string[];
  /** Bytes of zlib data, for compression ratio checks. */
  idatLength: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG, checking the signature and every CRC. */
export function decodePng(png: Uint8Array): DecodedPng {
  SIGNATURE.forEach((byte, i) => {
    if (png[i] !== byte) throw new Error("bad PNG signature");
  });
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let header: Uint8Array | undefined;
  for (let offset = 8; offset < png.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const body = png.subarray(offset + 8, offset + 8 + length);
    const storedCrc = view.getUint32(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== storedCrc) throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === "IHDR") header = body;
    if (type === "IDAT") idat.push(body);
    offset += 12 + length;
  }
  if (!header) throw new Error("missing IHDR");
  const headerView = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const width = headerView.getUint32(0);
  const height = headerView.getUint32(4);
  if (header[8] !== 8 || header[10] !== 0 || header[11] !== 0 || header[12] !== 0)
    throw new Error("unsupported PNG header");
  const channels = header[9] === 2 ? 3 : header[9] === 6 ? 4 : undefined;
  if (!channels) throw new Error(`unsupported colour type ${header[9]}`);

  const zlibData = concat(idat);
  const filtered = new Uint8Array(inflateSync(zlibData));
  const stride = width * channels;
  if (filtered.length !== (stride + 1) * height)
    throw new Error(`expected ${(stride + 1) * height} bytes, inflated ${filtered.length}`);
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    const source = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? data[row + i - channels] : 0;
      const b = y > 0 ? data[row - stride + i] : 0;
      const c = y > 0 && i >= channels ? data[row - stride + i - channels] : 0;
      data[row + i] = (filtered[source + i] + predict(filter, a, b, c)) & 0xff;
    }
  }
  return { width, height, channels, data, chunkTypes, idatLength: zlibData.length };
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`unknown filter ${filter}`);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}
