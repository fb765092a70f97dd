/**
 * Download URLs through the app: `POST /v1/images/urls` with `download` signs them, `GET /cdn/*`
 * answers them with `Content-Disposition: attachment`; and the CDN's memory of verified URLs.
 */
import sharp from "sharp";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { postJson, testApp } from "../../../test/helpers";
import { VariantCache } from "../../cdn/cache";
import { cloudFrontEnv, generateCloudFrontKeyPair, type CloudFrontKeyPair } from "../../cdn/key-pair";
import { transformImage } from "../../cdn/transform";

const PUBLIC_URL = "http://127.0.0.1:8787";
const MINE = { id: "img_mine", s3Key: "images/u1/j1/0.png", format: "png", width: 200, height: 100, isPublic: false };
const MINE_PUBLIC = {
  id: "img_public",
  s3Key: "images/u1/j2/0.png",
  format: "png",
  width: 200,
  height: 100,
  isPublic: true,
};

let pair: CloudFrontKeyPair;
let png: Uint8Array;
beforeAll(async () => {
  pair = await generateCloudFrontKeyPair("KDL");
  png = new Uint8Array(
    await sharp({ create: { width: 200, height: 100, channels: 3, background: "#36c" } })
      .png()
      .toBuffer(),
  );
});
afterEach(() => vi.restoreAllMocks());

async function downloadApp() {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const t = await testApp({
    env: { PUBLIC_URL, ...cloudFrontEnv(pair) },
    deps: {
      now: () => clock.now,
      imageTransformer: transformImage,
      imageObjects: {
        get: async (key) =>
          key === MINE.s3Key || key === MINE_PUBLIC.s3Key
            ? { body: png, contentType: "image/png", etag: '"e1"' }
            : null,
        head: async () => '"e1"',
      },
      publicImages: { isPublic: async (key) => key === MINE_PUBLIC.s3Key },
      imageVariantCache: new VariantCache(10 * 1024 * 1024),
    },
    convex: {
      "images:delivery": ({ ids }: { ids: string[] }) => [MINE, MINE_PUBLIC].filter((image) => ids.includes(image.id)),
    },
  });
  const bearer = (await t.app.services.tokens.signToken({ sub: "local:u1", ttlSeconds: 600 })).token;
  const urls = async (body: unknown) => {
    const res = await t.app.request("/v1/images/urls", postJson(body, { Authorization: `Bearer ${bearer}` }));
    return { status: res.status, json: await res.json() };
  };
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.request(url.replace(PUBLIC_URL, ""), { headers });
  return { ...t, clock, urls, get };
}

describe("download URLs", () => {
  it("save under the default name, with the extension of the format served", async () => {
    const { urls, get } = await downloadApp();
    const { json } = await urls({ ids: ["img_mine"], download: true, transform: { w: 100, f: "webp" } });
    expect(json.urls[0].url).toMatch(/\?w=128&f=webp&download=pixorly-img_mine&Expires=\d+&Key-Pair-Id=KDL&Signature=/);
    const res = await get(json.urls[0].url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/webp");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="pixorly-img_mine.webp"; filename*=UTF-8''pixorly-img_mine.webp`,
    );
    expect((await sharp(new Uint8Array(await res.arrayBuffer())).metadata()).format).toBe("webp");
  });

  it("take the caller's file name, its image extension replaced by the served one (f=auto as negotiated)", async () => {
    const { urls, get } = await downloadApp();
    const { json } = await urls({
      ids: ["img_mine"],
      download: { filename: "Über die Bucht.png" },
      transform: { w: 64, f: "auto" },
    });
    const avif = await get(json.urls[0].url, { Accept: "image/avif,image/webp,*/*" });
    expect(avif.headers.get("Content-Type")).toBe("image/avif");
    expect(avif.headers.get("Content-Disposition")).toBe(
      `attachment; filename="_ber die Bucht.avif"; filename*=UTF-8''%C3%9Cber%20die%20Bucht.avif`,
    );
    const jpeg = await get(json.urls[0].url, { Accept: "image/png" });
    expect(jpeg.headers.get("Content-Disposition")).toContain("filename*=UTF-8''%C3%9Cber%20die%20Bucht.jpg");
    expect(jpeg.headers.get("Vary")).toContain("Accept");
  });

  it("name several files apart, and sign public images' download URLs too", async () => {
    const { urls, get } = await downloadApp();
    const { json } = await urls({ ids: ["img_mine", "img_public"], download: { filename: "set" } });
    expect(json.urls.map((u: { url: string }) => new URL(u.url).searchParams.get("download"))).toEqual([
      "set-img_mine",
      "set-img_public",
    ]);
    const publicUrl = json.urls[1].url as string;
    expect(publicUrl).toContain("Signature=");
    expect((await get(publicUrl)).headers.get("Content-Disposition")).toContain('filename="set-img_public.png"');
    // Without `download`, the public image keeps its stable unsigned URL.
    expect((await urls({ ids: ["img_public"] })).json.urls[0].url).toBe(`${PUBLIC_URL}/cdn/${MINE_PUBLIC.s3Key}`);
  });

  it("403 when the name is changed, added to another URL, or put on an unsigned URL", async () => {
    const { urls, get } = await downloadApp();
    const [download] = (await urls({ ids: ["img_mine"], download: { filename: "mine" } })).json.urls;
    const tampered = await get(download.url.replace("download=mine", "download=evil"));
    expect(tampered.status).toBe(403);
    expect(await tampered.json()).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("changed after signing"),
    });

    const [plain] = (await urls({ ids: ["img_mine"] })).json.urls;
    const added = await get(plain.url.replace("?Expires", "?download=mine&Expires"));
    expect(added.status).toBe(403);

    const unsigned = await get(`${PUBLIC_URL}/cdn/${MINE_PUBLIC.s3Key}?download=x`);
    expect(unsigned.status).toBe(403);
    expect((await unsigned.json()).message).toContain("must be signed");
  });

  it.each([
    ["a path separator", { filename: "../x" }, ["download.filename"]],
    ["a backslash", { filename: "a\\b" }, ["download.filename"]],
    ["a control character", { filename: "a\u0007b" }, ["download.filename"]],
    ["more than 200 characters", { filename: "a".repeat(201) }, ["download.filename"]],
    ["an empty name", { filename: " " }, ["download.filename"]],
    ["an unknown key", { name: "x" }, ["download"]],
    ["false", false, ["download"]],
  ])("400 naming the field for %s", async (_, download, paths) => {
    const { urls, convex } = await downloadApp();
    const { status, json } = await urls({ ids: ["img_mine"], download });
    expect(status).toBe(400);
    expect(json.code).toBe("INVALID_ARGUMENT");
    expect(json.fields.map((f: { path: string }) => f.path)).toEqual(paths);
    expect(convex.calls).toEqual([]);
  });
});

describe("verified URLs are remembered", () => {
  it("verifies a signature once, then checks only the clock until the URL expires", async () => {
    const { urls, get, clock } = await downloadApp();
    const [image] = (await urls({ ids: ["img_mine"], transform: { w: 64 } })).json.urls;
    const verify = vi.spyOn(crypto.subtle, "verify");
    for (let i = 0; i < 3; i++) expect((await get(image.url)).status).toBe(200);
    expect(verify).toHaveBeenCalledTimes(1);
    clock.now = image.expiresAt;
    const expired = await get(image.url);
    expect(expired.status).toBe(403);
    expect((await expired.json()).message).toContain("expired");
  });

  it("never remembers a refusal", async () => {
    const { urls, get } = await downloadApp();
    const [image] = (await urls({ ids: ["img_mine"] })).json.urls;
    const bad = image.url.replace(/Signature=./, (m: string) =>
      m.endsWith("A") ? `${m.slice(0, -1)}B` : `${m.slice(0, -1)}A`,
    );
    const verify = vi.spyOn(crypto.subtle, "verify");
    expect((await get(bad)).status).toBe(403);
    expect((await get(bad)).status).toBe(403);
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
