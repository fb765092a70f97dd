import { encodePng } from "@pixorly/local-models";
import { describe, expect, it } from "vitest";
import { measureImage } from "./image-size";

describe("measureImage", () => {
  it("reads PNG sizes from the header", () => {
    const png = encodePng({ width: 37, height: 21, channels: 3, data: new Uint8Array(37 * 21 * 3) });
    expect(measureImage(png)).toEqual({ width: 37, height: 21, format: "png" });
  });

  it("reads JPEG, WebP and GIF sizes", () => {
    // JPEG: SOI, an APP0 segment, then SOF0 with height 480 and width 640.
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 3, 0, 0, 0, 0,
    ]);
    expect(measureImage(jpeg)).toEqual({ width: 640, height: 480, format: "jpg" });
    const webp = new Uint8Array(40);
    webp.set(
      [..."RIFF"].map((c) => c.charCodeAt(0)),
      0,
    );
    webp.set(
      [..."WEBPVP8X"].map((c) => c.charCodeAt(0)),
      8,
    );
    webp.set([0xff, 0x03, 0x00, 0xff, 0x01, 0x00], 24); // 1024 × 512 (stored minus one)
    expect(measureImage(webp)).toEqual({ width: 1024, height: 512, format: "webp" });
    const gif = Uint8Array.from([..."GIF89a"].map((c) => c.charCodeAt(0)).concat([10, 0, 20, 0]));
    expect(measureImage(gif)).toEqual({ width: 10, height: 20, format: "gif" });
  });

  it("returns null for bytes that are not an image, or are cut short", () => {
    expect(measureImage(new TextEncoder().encode("<html>not an image</html>"))).toBeNull();
    expect(measureImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(measureImage(new Uint8Array(0))).toBeNull();
  });
});
