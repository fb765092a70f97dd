import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { transformImage } from "./transform";
import { MAX_SOURCE_PIXELS, SourceTooLargeError } from "./transformer";

const png = (width: number, height: number, alpha = false) =>
  sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 200, g: 40, b: 90 },
    },
  })
    .png()
    .toBuffer();
const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3366cc" } })
    .jpeg()
    .toBuffer();
const describeOutput = async (body: Uint8Array) => {
  const { width, height, format } = await sharp(body).metadata();
  return { width, height, format };
};

describe("transformImage", () => {
  it("returns the original bytes and content type when no parameter is set", async () => {
    const source = await png(32, 16);
    const out = await transformImage(source, {}, "image/avif");
    expect(out.contentType).toBe("image/png");
    expect(Buffer.from(out.body).equals(source)).toBe(true);
    expect((await transformImage(await jpeg(8, 8), {}, undefined)).contentType).toBe("image/jpeg");
  });

  it("resizes to 256×256 WebP", async () => {
    const out = await transformImage(await png(1024, 1024), { w: 256, h: 256, f: "webp", q: 80 }, undefined);
    expect(out.contentType).toBe("image/webp");
    expect(await describeOutput(out.body)).toEqual({ width: 256, height: 256, format: "webp" });
  });

  it("keeps the source format without f, and honours each fit", async () => {
    const source = await png(400, 200);
    expect(await describeOutput((await transformImage(source, { w: 100 }, undefined)).body)).toEqual({
      width: 100,
      height: 50,
      format: "png",
    });
    const sized = async (fit: "cover" | "contain" | "fill" | "inside" | "outside") =>
      describeOutput((await transformImage(source, { w: 100, h: 100, fit }, undefined)).body);
    expect(await sized("cover")).toMatchObject({ width: 100, height: 100 });
    expect(await sized("contain")).toMatchObject({ width: 100, height: 100 });
    expect(await sized("fill")).toMatchObject({ width: 100, height: 100 });
    expect(await sized("inside")).toMatchObject({ width: 100, height: 50 });
    expect(await sized("outside")).toMatchObject({ width: 200, height: 100 });
  });

  it("converts formats, f=auto by Accept", async () => {
    const source = await png(64, 64);
    expect((await transformImage(source, { f: "jpeg", q: 50 }, undefined)).contentType).toBe("image/jpeg");
    const avif = await transformImage(source, { f: "auto" }, "image/avif,image/webp,*/*");
    expect(avif.contentType).toBe("image/avif");
    expect((await describeOutput(avif.body)).format).toBe("heif");
    expect((await transformImage(source, { f: "auto" }, "image/webp")).contentType).toBe("image/webp");
    expect(await describeOutput((await transformImage(source, { f: "auto" }, "*/*")).body)).toMatchObject({
      format: "jpeg",
    });
  });

  it("puts transparent pixels on white for JPEG", async () => {
    const out = await transformImage(await png(8, 8, true), { f: "jpeg" }, undefined);
    const { data } = await sharp(out.body).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(250);
  });

  it("refuses a source over 50 megapixels before decoding it", async () => {
    const huge = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: "#000" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(8000 * 7000).toBeGreaterThan(MAX_SOURCE_PIXELS);
    const attempt = transformImage(huge, { w: 100 }, undefined);
    await expect(attempt).rejects.toBeInstanceOf(SourceTooLargeError);
    await expect(attempt).rejects.toThrow("larger than 50 megapixels");
  });

  it("fails on bytes that are not an image", async () => {
    await expect(transformImage(new TextEncoder().encode("not an image"), { w: 10 }, undefined)).rejects.toThrow();
  });
});
