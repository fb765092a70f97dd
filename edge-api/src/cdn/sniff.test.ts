import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sniffImageType } from "./sniff";

describe("sniffImageType", () => {
  it("recognises the raster formats from their bytes", async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } });
    for (const format of ["png", "jpeg", "webp", "avif", "gif"] as const) {
      const bytes = new Uint8Array(await base.clone().toFormat(format).toBuffer());
      expect(sniffImageType(bytes), format).toBe(format);
    }
  });

  it("refuses anything else: HTML, SVG, PDF, text, empty", () => {
    const text = (s: string) => new TextEncoder().encode(s);
    for (const bytes of [
      text("<!doctype html><html></html>"),
      text('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      text("%PDF-1.7\n%âãÏÓ\n"),
      text("hello world, plain"),
      new Uint8Array(),
    ]) {
      expect(sniffImageType(bytes)).toBeNull();
    }
  });
});
