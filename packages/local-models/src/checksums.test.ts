import { crc32 as nodeCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { adler32, crc32 } from "./checksums";

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe("crc32", () => {
  it("matches the standard check values", () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(ascii("123456789"))).toBe(0xcbf43926);
    expect(crc32(ascii("IEND"))).toBe(0xae426082);
  });

  it("matches Node on arbitrary bytes, whole or in parts", () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7919) & 0xff);
    expect(crc32(bytes)).toBe(nodeCrc32(bytes));
    expect(crc32(bytes, 100, 5_000)).toBe(nodeCrc32(bytes.subarray(100, 5_000)));
    expect(crc32(bytes, 5_000, 10_000, crc32(bytes, 0, 5_000))).toBe(nodeCrc32(bytes));
  });
});

describe("adler32", () => {
  it("matches the standard check values", () => {
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(ascii("Wikipedia"))).toBe(0x11e60398);
  });

  it("stays exact past the point where sums must be reduced", () => {
    const bytes = new Uint8Array(100_000).fill(255);
    // Reference computed with the modulo after every byte.
    let a = 1;
    let b = 0;
    for (const byte of bytes) {
      a = (a + byte) % 65521;
      b = (b + a) % 65521;
    }
    expect(adler32(bytes)).toBe(((b << 16) | a) >>> 0);
  });
});
