import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { zlibCompress } from "./deflate";
import { encodePng } from "./png";
import { decodePng } from "./testing/decode-png";

/** A deterministic byte source (xorshift32), so failures reproduce. */
function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** Index of the first differing byte, or -1; far faster than a deep equality on big arrays. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function gradient(width: number, height: number, channels: 3 | 4): Uint8Array {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      data[i] = (x * 255) / Math.max(1, width - 1);
      data[i + 1] = (y * 255) / Math.max(1, height - 1);
      data[i + 2] = (x + y) & 0xff;
      if (channels === 4) data[i + 3] = 255 - ((x * y) & 0x7f);
    }
  }
  return data;
}

describe("zlibCompress", () => {
  const cases: Array<[string, Uint8Array]> = [
    ["empty", new Uint8Array(0)],
    ["one byte", new Uint8Array([42])],
    ["two bytes", new Uint8Array([1, 2])],
    ["a run of zeros", new Uint8Array(100_000)],
    ["random bytes (stored blocks)", randomBytes(200_000, 7)],
    ["repeating text", Uint8Array.from("blue ocean, ".repeat(10_000), (char) => char.charCodeAt(0))],
    [
      "mixed",
      (() => {
        const mixed = randomBytes(300_000, 3);
        mixed.fill(9, 50_000, 150_000);
        mixed.copyWithin(200_000, 0, 40_000);
        return mixed;
      })(),
    ],
    ["small alphabet (many blocks)", randomBytes(600_000, 11).map((b) => b & 3)],
  ];

  it.each(cases)("round-trips %s through zlib inflate", (_name, data) => {
    const compressed = zlibCompress(data);
    expect(compressed[0]).toBe(0x78);
    expect((compressed[0] * 256 + compressed[1]) % 31).toBe(0);
    expect(firstDifference(new Uint8Array(inflateSync(compressed)), data)).toBe(-1);
  });

  it("compresses redundant data and barely grows random data", () => {
    expect(zlibCompress(new Uint8Array(100_000)).length).toBeLessThan(1_000);
    expect(zlibCompress(randomBytes(200_000, 5)).length).toBeLessThan(200_000 + 100);
  });
});

describe("encodePng", () => {
  it.each([
    [1, 1, 3],
    [1, 1, 4],
    [3, 2, 3],
    [17, 5, 4],
    [64, 64, 3],
    [300, 200, 4],
  ] as const)("round-trips a %i×%i image with %i channels", (width, height, channels) => {
    const data = gradient(width, height, channels);
    const decoded = decodePng(encodePng({ width, height, channels, data }));
    expect(decoded).toMatchObject({ width, height, channels, chunkTypes: ["IHDR", "IDAT", "IEND"] });
    expect(firstDifference(decoded.data, data)).toBe(-1);
  });

  it("round-trips noisy pixels", () => {
    const data = randomBytes(123 * 77 * 3, 99);
    expect(firstDifference(decodePng(encodePng({ width: 123, height: 77, channels: 3, data })).data, data)).toBe(-1);
  });

  it("compresses a smooth image well", () => {
    const data = gradient(512, 512, 3);
    const decoded = decodePng(encodePng({ width: 512, height: 512, channels: 3, data }));
    expect(decoded.idatLength).toBeLessThan(data.length / 10);
  });

  it("writes the header fields and checksums PNG readers check", () => {
    const png = encodePng({ width: 2, height: 3, channels: 4, data: new Uint8Array(24) });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(8)).toBe(13);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe("IHDR");
    expect(view.getUint32(16)).toBe(2);
    expect(view.getUint32(20)).toBe(3);
    expect([...png.subarray(24, 29)]).toEqual([8, 6, 0, 0, 0]);
    // decodePng verifies every chunk CRC with Node's zlib.crc32.
    expect(() => decodePng(png)).not.toThrow();
  });

  it.each([
    [{ width: 0, height: 1, channels: 3, data: new Uint8Array(0) }, /width must be a positive integer/],
    [{ width: 1.5, height: 1, channels: 3, data: new Uint8Array(3) }, /width must be a positive integer/],
    [{ width: 1, height: -1, channels: 3, data: new Uint8Array(3) }, /height must be a positive integer/],
    [{ width: 1, height: 1, channels: 2, data: new Uint8Array(2) }, /channels must be 3 or 4/],
    [{ width: 2, height: 2, channels: 3, data: new Uint8Array(11) }, /expected 12 bytes for 2×2×3, got 11/],
  ])("rejects %j", (image, message) => {
    expect(() => encodePng(image as never)).toThrow(message);
  });
});
