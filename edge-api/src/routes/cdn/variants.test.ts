/** The CDN's cost and safety rules: snapping, the cost ceiling, transform slots, content sniffing, deletion. */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/helpers";
import { VariantCache } from "../../cdn/cache";
import { transformImage } from "../../cdn/transform";
import { TransformSlots } from "../../cdn/transform-slots";
import type { ImageTransformer } from "../../cdn/transformer";
import { CDN_CONTENT_SECURITY_POLICY } from "./get";
import { REVALIDATE_MS } from "./object-freshness";

let png: Uint8Array;
beforeAll(async () => {
  png = new Uint8Array(
    await sharp({ create: { width: 400, height: 200, channels: 3, background: "#c03" } })
      .png()
      .toBuffer(),
  );
});

/** Every object is public (unsigned URLs), stored in a map with the Content-Type S3 would hold. */
async function cdnApp(options: { transformer?: ImageTransformer; slots?: TransformSlots } = {}) {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const reads: string[] = [];
  const heads: string[] = [];
  const objects = new Map<string, { body: Uint8Array; contentType: string; etag: string }>([
    ["images/a.png", { body: png, contentType: "image/png", etag: '"1"' }],
  ]);
  const t = await testApp({
    deps: {
      now: () => clock.now,
      imageTransformer: options.transformer ?? transformImage,
      ...(options.slots ? { imageTransformSlots: options.slots } : {}),
      imageObjects: {
        async get(key) {
          reads.push(key);
          return objects.get(key) ?? null;
        },
        async head(key) {
          heads.push(key);
          return objects.get(key)?.etag ?? null;
        },
      },
      publicImages: { isPublic: async () => true },
      imageVariantCache: new VariantCache(10 * 1024 * 1024),
    },
  });
  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(`/cdn/${path}`, { headers });
  return { ...t, clock, reads, heads, objects, get };
}

describe("variant sizes", () => {
  it("snaps w and h up to the next step, so near sizes share one variant", async () => {
    const { get, reads } = await cdnApp();
    const first = await get("images/a.png?w=200&f=webp");
    expect(first.status).toBe(200);
    expect((await sharp(new Uint8Array(await first.arrayBuffer())).metadata()).width).toBe(256);
    const second = await get("images/a.png?w=256&f=webp");
    expect(second.headers.get("X-Cache")).toBe("HIT");
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(reads).toHaveLength(1);
  });
});

describe("the cost ceiling", () => {
  it("refuses a 4096² AVIF with 422 before reading the object", async () => {
    const { get, reads } = await cdnApp();
    const res = await get("images/a.png?w=4096&h=4096&f=avif&q=93&fit=fill");
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.code).toBe("INVALID_ARGUMENT");
    expect(body.message).toMatch(/too expensive.*limit 32/);
    expect(reads).toEqual([]);
  });

  it("refuses once the source's size shows the cost (one side given), and allows a cheap format at that size", async () => {
    const { get } = await cdnApp();
    // 4096 wide from a 2:1 source is 4096×2048 = 8.4 MP: 168 as AVIF, 8.4 as JPEG.
    expect((await get("images/a.png?w=4096&f=avif")).status).toBe(422);
    const jpeg = await get("images/a.png?w=4096&f=jpeg");
    expect(jpeg.status).toBe(200);
    expect(await sharp(new Uint8Array(await jpeg.arrayBuffer())).metadata()).toMatchObject({
      width: 4096,
      height: 2048,
    });
  });
});

describe("f=auto under the ceiling", () => {
  it("answers a large variant in the best format it can afford instead of refusing it", async () => {
    const { get } = await cdnApp();
    const avifBrowser = { Accept: "image/avif,image/webp,*/*" };
    // 256 wide from a 2:1 source: AVIF is affordable.
    const small = await get("images/a.png?w=256&f=auto", avifBrowser);
    expect(small.headers.get("Content-Type")).toBe("image/avif");
    // 2048×1024 = 2.1 MP: AVIF (42) is over the ceiling, WebP (12.6) is not.
    const large = await get("images/a.png?w=2048&f=auto", avifBrowser);
    expect(large.status).toBe(200);
    expect(large.headers.get("Content-Type")).toBe("image/webp");
    expect(large.headers.get("Vary")).toContain("Accept");
    // 4096 × 4096 filled: only JPEG (16.8) fits.
    const huge = await get("images/a.png?w=4096&h=4096&f=auto&fit=fill", avifBrowser);
    expect(huge.status).toBe(200);
    expect(huge.headers.get("Content-Type")).toBe("image/jpeg");
  });
});

describe("transform slots", () => {
  it("answers 503 with Retry-After when every slot is busy and the queue is full", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const slowTransformer: ImageTransformer = async (source, params, accept) => {
      await blocked;
      return transformImage(source, params, accept);
    };
    const { get } = await cdnApp({
      transformer: slowTransformer,
      slots: new TransformSlots({ maxActive: 1, maxQueued: 1, maxWaitMs: 60_000 }),
    });
    const running = get("images/a.png?w=64");
    const queued = get("images/a.png?w=96");
    await new Promise((r) => setTimeout(r, 20));
    const refused = await get("images/a.png?w=128");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("5");
    release();
    expect((await running).status).toBe(200);
    expect((await queued).status).toBe(200);
  });

  it("answers 503 when no slot frees in time", async () => {
    const never: ImageTransformer = () => new Promise(() => {});
    const { get } = await cdnApp({
      transformer: never,
      slots: new TransformSlots({ maxActive: 1, maxQueued: 4, maxWaitMs: 50 }),
    });
    const [first, second] = await Promise.all([get("images/a.png?w=64"), get("images/a.png?w=96")]);
    expect(first.status).toBe(503);
    expect(second.status).toBe(503);
  });
});

describe("what is served", () => {
  it("serves an original as the type its bytes are, whatever S3 says, with CSP and nosniff", async () => {
    const { get, objects } = await cdnApp();
    objects.set("images/b.png", { body: png, contentType: "text/html", etag: '"2"' });
    const res = await get("images/b.png");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Content-Security-Policy")).toBe(CDN_CONTENT_SECURITY_POLICY);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("answers 415 for an object that is not a raster image, original or transform", async () => {
    const { get, objects } = await cdnApp();
    const html = new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>");
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="10" height="10"/>',
    );
    objects.set("images/page.png", { body: html, contentType: "text/html", etag: '"3"' });
    objects.set("images/vector.png", { body: svg, contentType: "image/svg+xml", etag: '"4"' });
    for (const path of [
      "images/page.png",
      "images/page.png?w=64",
      "images/vector.png",
      "images/vector.png?w=64&f=png",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(415);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
      expect(await res.text()).not.toContain("<script");
    }
  });
});

describe("deleted images", () => {
  it("stop being served from the variant cache once the object is gone (checked at most every few seconds)", async () => {
    const { get, objects, clock, heads } = await cdnApp();
    expect((await get("images/a.png?w=64")).headers.get("X-Cache")).toBe("MISS");
    expect((await get("images/a.png?w=64")).headers.get("X-Cache")).toBe("HIT");
    expect(heads).toEqual([]); // within the interval nothing is asked
    objects.delete("images/a.png");
    clock.now += REVALIDATE_MS;
    expect((await get("images/a.png?w=64")).status).toBe(404);
    expect((await get("images/a.png")).status).toBe(404);
    expect(heads).toEqual(["images/a.png"]);
  });

  it("remake a variant when the object was replaced (its ETag changed)", async () => {
    const { get, objects, clock } = await cdnApp();
    const before = await get("images/a.png?w=64");
    const other = new Uint8Array(
      await sharp({ create: { width: 400, height: 200, channels: 3, background: "#03c" } })
        .png()
        .toBuffer(),
    );
    objects.set("images/a.png", { body: other, contentType: "image/png", etag: '"9"' });
    clock.now += REVALIDATE_MS;
    const after = await get("images/a.png?w=64");
    expect(after.headers.get("X-Cache")).toBe("MISS");
    expect(after.headers.get("ETag")).not.toBe(before.headers.get("ETag"));
  });
});
