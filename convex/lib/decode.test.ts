import { encodePng } from "@pixorly/local-models";
import jpeg from "jpeg-js";
import { thumbHashToAverageRGBA } from "thumbhash";
import { describe, expect, it } from "vitest";
import { decodeImage, shrink } from "./decode";
import { imagePlaceholder } from "./placeholder";

function gradient(width: number, height: number) {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set([x * 2, y * 2, 180], (y * width + x) * 3);
  return rgb;
}

describe("decoding provider images for placeholders", () => {
  it("decodes a PNG exactly (all filter types come out of the encoder)", () => {
    const rgb = gradient(50, 40);
    const decoded = decodeImage(encodePng({ width: 50, height: 40, channels: 3, data: rgb }), "png")!;
    expect([decoded.width, decoded.height]).toEqual([50, 40]);
    expect([...decoded.rgba.subarray(0, 4)]).toEqual([0, 0, 180, 255]);
    const last = (40 * 50 - 1) * 4;
    expect([...decoded.rgba.subarray(last, last + 4)]).toEqual([98, 78, 180, 255]);
  });

  it("decodes a JPEG, and a placeholder keeps the average colour", () => {
    const rgba = new Uint8Array(64 * 64 * 4)
      .fill(255)
      .map((v, i) => (i % 4 === 0 ? 200 : i % 4 === 1 ? 30 : i % 4 === 2 ? 30 : 255));
    const file = jpeg.encode({ width: 64, height: 64, data: rgba }, 90).data;
    const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    expect(decodeImage(bytes, "jpg")).toMatchObject({ width: 64, height: 64 });
    const hash = imagePlaceholder(bytes, "jpg")!;
    const average = thumbHashToAverageRGBA(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0)));
    expect(average.r).toBeGreaterThan(0.6);
    expect(average.g).toBeLessThan(0.3);
  });

  it("gives no placeholder for what it cannot decode", () => {
    expect(imagePlaceholder(new TextEncoder().encode("not an image"), "png")).toBeUndefined();
    expect(imagePlaceholder(new Uint8Array(40), "webp")).toBeUndefined();
  });

  it("shrinks to the long edge with a box filter", () => {
    const big = { width: 400, height: 200, rgba: new Uint8Array(400 * 200 * 4).fill(100) };
    expect(shrink(big, 64)).toMatchObject({ width: 64, height: 32 });
    expect(shrink(big, 64).rgba.every((v) => v === 100)).toBe(true);
  });
});
