import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/helpers";
import { VariantCache } from "../../cdn/cache";
import { imageUrlFor } from "../../cdn/image-url";
import { cloudFrontEnv, generateCloudFrontKeyPair, type CloudFrontKeyPair } from "../../cdn/key-pair";
import { CloudFrontSigner } from "../../cdn/signer";
import { transformImage } from "../../cdn/transform";
import type { ImageTransformer } from "../../cdn/transformer";
import { PUBLIC_CACHE_CONTROL, SIGNED_CACHE_CONTROL } from "./get";

const PUBLIC_URL = "http://127.0.0.1:8787";
const CDN = `${PUBLIC_URL}/cdn`;
const PRIVATE_KEY = "images/u1/j1/0.png";
const PUBLIC_KEY = "images/u1/j2/0.png";

let pair: CloudFrontKeyPair;
let png: Uint8Array;
beforeAll(async () => {
  pair = await generateCloudFrontKeyPair("KTEST");
  png = new Uint8Array(
    await sharp({ create: { width: 200, height: 100, channels: 3, background: "#c03" } })
      .png()
      .toBuffer(),
  );
});

async function cdnApp(options: { transformer?: ImageTransformer | null; publicKeys?: string[] } = {}) {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const reads: string[] = [];
  const visibilityChecks: string[] = [];
  const heads: string[] = [];
  const objects = new Map([
    [PRIVATE_KEY, png],
    [PUBLIC_KEY, png],
  ]);
  const publicKeys = new Set(options.publicKeys ?? [PUBLIC_KEY]);
  const t = await testApp({
    env: { PUBLIC_URL, ...cloudFrontEnv(pair) },
    deps: {
      now: () => clock.now,
      ...(options.transformer === null ? {} : { imageTransformer: options.transformer ?? transformImage }),
      imageObjects: {
        async get(key) {
          reads.push(key);
          const body = objects.get(key);
          return body ? { body, contentType: "image/png", etag: '"e1"' } : null;
        },
        async head(key) {
          heads.push(key);
          return objects.has(key) ? '"e1"' : null;
        },
      },
      publicImages: {
        async isPublic(key) {
          visibilityChecks.push(key);
          return publicKeys.has(key);
        },
      },
      imageVariantCache: new VariantCache(10 * 1024 * 1024),
    },
  });
  const signer = new CloudFrontSigner(pair.keyPairId, pair.privateKey);
  const signedUrl = async (s3Key: string, transform = {}, ttlSeconds = 3600) =>
    (await imageUrlFor({ s3Key, isPublic: false, transform, ttlSeconds }, { cdnBaseUrl: CDN, signer, now: clock.now }))
      .url;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.request(url.replace(PUBLIC_URL, ""), { headers });
  return { ...t, clock, reads, heads, objects, visibilityChecks, signedUrl, get };
}

const metadataOf = async (res: Response) => {
  const { width, height, format } = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
  return { width, height, format };
};

describe("GET /cdn/* with a signed URL", () => {
  it("serves the original with a strong ETag and an immutable Cache-Control, then from cache", async () => {
    const { get, signedUrl, reads, visibilityChecks } = await cdnApp();
    const url = await signedUrl(PRIVATE_KEY);
    const first = await get(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("image/png");
    expect(first.headers.get("Cache-Control")).toBe(SIGNED_CACHE_CONTROL);
    expect(first.headers.get("ETag")).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get("X-Cache")).toBe("MISS");
    expect(Buffer.from(await first.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
    const second = await get(url);
    expect(second.headers.get("X-Cache")).toBe("HIT");
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(reads).toEqual([PRIVATE_KEY]);
    expect(visibilityChecks).toEqual([]);
  });

  it("transforms: w, h, f, q, fit", async () => {
    const { get, signedUrl } = await cdnApp();
    const res = await get(await signedUrl(PRIVATE_KEY, { w: 64, h: 64, f: "webp", q: 70, fit: "cover" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/webp");
    expect(await metadataOf(res)).toEqual({ width: 64, height: 64, format: "webp" });
    // 50 is snapped up to the 64 step (by the signer, and by the CDN for any URL).
    const insideUrl = await signedUrl(PRIVATE_KEY, { w: 50, h: 50, fit: "inside" });
    expect(insideUrl).toContain("?w=64&h=64&fit=inside&");
    expect(await metadataOf(await get(insideUrl))).toEqual({ width: 64, height: 32, format: "png" });
  });

  it("answers 304 to a matching If-None-Match (also weak or in a list)", async () => {
    const { get, signedUrl } = await cdnApp();
    const url = await signedUrl(PRIVATE_KEY, { w: 10 });
    const etag = (await get(url)).headers.get("ETag")!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const res = await get(url, { "If-None-Match": header });
      expect(res.status).toBe(304);
      expect(res.headers.get("ETag")).toBe(etag);
      expect(res.headers.get("Cache-Control")).toBe(SIGNED_CACHE_CONTROL);
      expect(await res.text()).toBe("");
    }
    expect((await get(url, { "If-None-Match": '"other"' })).status).toBe(200);
  });

  it("f=auto negotiates from Accept, varies on it, and caches each format apart", async () => {
    const { get, signedUrl } = await cdnApp();
    const url = await signedUrl(PRIVATE_KEY, { w: 32, f: "auto" });
    const avif = await get(url, { Accept: "image/avif,image/webp,*/*" });
    expect(avif.headers.get("Content-Type")).toBe("image/avif");
    expect(avif.headers.get("Vary")).toContain("Accept");
    const webp = await get(url, { Accept: "image/webp,*/*" });
    expect(webp.headers.get("Content-Type")).toBe("image/webp");
    expect(webp.headers.get("X-Cache")).toBe("MISS");
    const jpeg = await get(url, { Accept: "*/*" });
    expect(await metadataOf(jpeg)).toMatchObject({ format: "jpeg", width: 32 });
    expect(webp.headers.get("ETag")).not.toBe(avif.headers.get("ETag"));
    expect((await get(await signedUrl(PRIVATE_KEY, { w: 32, f: "webp" }))).headers.get("Vary") ?? "").not.toContain(
      "Accept",
    );
  });

  it.each([
    ["w changed", (u: string) => u.replace("w=64", "w=65")],
    ["h changed", (u: string) => u.replace("h=64", "h=640")],
    ["f changed", (u: string) => u.replace("f=webp", "f=png")],
    ["q changed", (u: string) => u.replace("q=80", "q=81")],
    ["fit changed", (u: string) => u.replace("fit=cover", "fit=fill")],
    ["a parameter removed", (u: string) => u.replace("q=80&", "")],
    ["a parameter added", (u: string) => u.replace("?", "?x=1&")],
    ["parameters reordered", (u: string) => u.replace("w=64&h=64", "h=64&w=64")],
    ["another object", (u: string) => u.replace("j1/0.png", "j1/1.png")],
    ["Expires moved later", (u: string) => u.replace(/Expires=(\d+)/, (_, e) => `Expires=${Number(e) + 60}`)],
    ["Signature altered", (u: string) => u.replace(/Signature=(.)/, (_, ch) => `Signature=${ch === "A" ? "B" : "A"}`)],
  ])("403 when the URL is tampered with: %s", async (_, tamper) => {
    const { get, signedUrl } = await cdnApp();
    const url = await signedUrl(PRIVATE_KEY, { w: 64, h: 64, f: "webp", q: 80, fit: "cover" });
    expect((await get(url)).status).toBe(200);
    const res = await get(tamper(url));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("signature"),
      requestId: expect.any(String),
    });
  });

  it("403 once expired, for an unknown key id, and without one of the three parameters", async () => {
    const { get, signedUrl, clock } = await cdnApp();
    const url = await signedUrl(PRIVATE_KEY, {}, 60);
    expect((await get(url)).status).toBe(200);
    const expires = Number(new URL(url).searchParams.get("Expires")) * 1000;
    clock.now = expires - 1;
    expect((await get(url)).status).toBe(200);
    clock.now = expires;
    const expired = await get(url);
    expect(expired.status).toBe(403);
    expect((await expired.json()).message).toBe("This URL has expired; ask for a new one.");
    const fresh = await signedUrl(PRIVATE_KEY);
    const unknown = await get(fresh.replace("Key-Pair-Id=KTEST", "Key-Pair-Id=KOTHER"));
    expect(unknown.status).toBe(403);
    expect((await unknown.json()).message).toContain("does not trust");
    const missing = await get(fresh.replace(/&Signature=[^&]+/, ""));
    expect(missing.status).toBe(403);
    expect((await missing.json()).message).toContain("missing");
  });

  it("404 when no object is stored under the key", async () => {
    const { get, signedUrl } = await cdnApp();
    const res = await get(await signedUrl("images/u1/none/0.png"));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "NOT_FOUND" });
  });

  it("HEAD answers the headers without the body", async () => {
    const { app, signedUrl } = await cdnApp();
    const res = await app.request((await signedUrl(PRIVATE_KEY)).replace(PUBLIC_URL, ""), { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBeTruthy();
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});

describe("GET /cdn/* without a signature (public images)", () => {
  it("serves a public image with a short public Cache-Control, asking Convex for its visibility", async () => {
    const { get, visibilityChecks } = await cdnApp();
    const res = await get(`${CDN}/${PUBLIC_KEY}?w=32&f=png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe(PUBLIC_CACHE_CONTROL);
    expect(await metadataOf(res)).toEqual({ width: 32, height: 16, format: "png" });
    expect(visibilityChecks).toEqual([PUBLIC_KEY]);
  });

  it("403 for a private image, and for a key nobody stored (no existence leak)", async () => {
    const { get, reads } = await cdnApp();
    for (const key of [PRIVATE_KEY, "images/u9/j9/0.png"]) {
      const res = await get(`${CDN}/${key}`);
      expect(res.status).toBe(403);
      expect((await res.json()).message).toContain("private");
    }
    expect(reads).toEqual([]);
  });

  it("400 naming the parameter for bad or unknown transform parameters", async () => {
    const { get } = await cdnApp();
    const cases: [string, string][] = [
      ["w=0", "query.w"],
      ["w=5000", "query.w"],
      ["h=abc", "query.h"],
      ["f=gif", "query.f"],
      ["q=101", "query.q"],
      ["fit=stretch", "query.fit"],
      ["width=10", "query.width"],
      ["w=10&w=20", "query.w"],
    ];
    for (const [query, path] of cases) {
      const res = await get(`${CDN}/${PUBLIC_KEY}?${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.code).toBe("INVALID_ARGUMENT");
      expect(body.fields[0].path, query).toBe(path);
    }
  });

  it("404 for empty or dot path segments, and for control characters", async () => {
    const { get } = await cdnApp();
    expect((await get(`${CDN}/images//0.png`)).status).toBe(404);
    expect((await get(`${CDN}/images/u1/j2%0Ax/0.png`)).status).toBe(404);
    expect((await get(`${CDN}/`)).status).toBe(404);
  });
});

describe("GET /cdn/* without a transformer (the Workers build)", () => {
  it("serves originals and answers 501 to transforms", async () => {
    const { get, signedUrl } = await cdnApp({ transformer: null });
    const original = await get(await signedUrl(PRIVATE_KEY));
    expect(original.status).toBe(200);
    expect(original.headers.get("Content-Type")).toBe("image/png");
    const transformed = await get(await signedUrl(PRIVATE_KEY, { w: 10 }));
    expect(transformed.status).toBe(501);
    expect((await transformed.json()).message).toContain("originals only");
  });
});
