import { unzipSync } from "fflate";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { postJson, testApp } from "../../../../test/helpers";
import { VariantCache } from "../../../cdn/cache";
import { cloudFrontEnv, generateCloudFrontKeyPair, type CloudFrontKeyPair } from "../../../cdn/key-pair";
import { CloudFrontSigner, verifySignedUrl } from "../../../cdn/signer";
import { transformImage } from "../../../cdn/transform";
import { decodeSelection, signZipUrl } from "./zip-link";

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const A = { id: "img_a", s3Key: "images/u1/j1/0.png", format: "png", width: 32, height: 32, isPublic: false };
const B = { id: "img_b", s3Key: "images/u1/j1/1.png", format: "png", width: 32, height: 32, isPublic: true };

let pair: CloudFrontKeyPair;
let png: Uint8Array;
beforeAll(async () => {
  pair = await generateCloudFrontKeyPair("KZ");
  png = new Uint8Array(
    await sharp({ create: { width: 32, height: 32, channels: 3, background: "#393" } })
      .png()
      .toBuffer(),
  );
});

async function zipApp() {
  const clock = { now: NOW };
  const t = await testApp({
    env: { PUBLIC_URL: "http://127.0.0.1:8787", ...cloudFrontEnv(pair) },
    deps: {
      now: () => clock.now,
      imageTransformer: transformImage,
      imageObjects: {
        get: async () => ({ body: png, contentType: "image/png", etag: '"e"' }),
        head: async () => '"e"',
      },
      imageVariantCache: new VariantCache(1024 * 1024),
    },
    convex: { "images:delivery": ({ ids }: { ids: string[] }) => [A, B].filter((image) => ids.includes(image.id)) },
  });
  const bearer = (await t.app.services.tokens.signToken({ sub: "local:u1", ttlSeconds: 600 })).token;
  const post = (body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${bearer}` }) =>
    t.app.request("/v1/images/zip", postJson(body, headers));
  const get = (url: string) => t.app.request(url.replace("http://127.0.0.1:8787", ""));
  return { ...t, clock, bearer, post, get };
}

describe("POST /v1/images/zip", () => {
  it("checks every id with the caller's token and answers a signed 5-minute link", async () => {
    const { post, convex, bearer } = await zipApp();
    const res = await post({ ids: ["img_a", "img_b", "img_a"], transform: { w: 20, f: "webp" } });
    expect(res.status).toBe(200);
    const link = await res.json();
    expect(link).toEqual({
      url: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:8787\/v1\/images\/zip\?s=[\w-]+&Expires=\d+&Key-Pair-Id=KZ&Signature=/,
      ),
      expiresAt: NOW + 300_000,
      filename: "pixorly-2-images.zip",
    });
    expect(await verifySignedUrl(link.url, { publicKeys: { KZ: pair.publicKey }, now: NOW })).toMatchObject({
      ok: true,
    });
    expect(decodeSelection(new URL(link.url).searchParams.get("s")!)).toEqual({
      images: [
        { id: "img_a", s3Key: A.s3Key },
        { id: "img_b", s3Key: B.s3Key },
      ],
      transform: { w: 32, f: "webp" },
    });
    expect(convex.calls).toEqual([{ name: "images:delivery", args: { ids: ["img_a", "img_b"] }, token: bearer }]);
  });

  it("404 for the whole request when any id is not the caller's", async () => {
    const { post } = await zipApp();
    const res = await post({ ids: ["img_a", "img_other"] });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "NOT_FOUND", message: "Image img_other was not found." });
  });

  it("401 without a token", async () => {
    const { post, convex } = await zipApp();
    expect((await post({ ids: ["img_a"] }, {})).status).toBe(401);
    expect(convex.calls).toEqual([]);
  });

  it.each([
    ["no ids", {}, ["ids"]],
    ["empty ids", { ids: [] }, ["ids"]],
    ["101 ids", { ids: Array.from({ length: 101 }, (_, i) => `i${i}`) }, ["ids"]],
    ["an empty id", { ids: [""] }, ["ids.0"]],
    ["a bad transform", { ids: ["a"], transform: { f: "gif" } }, ["transform.f"]],
    ["an unknown key", { ids: ["a"], download: true }, ["(body)"]],
  ])("400 naming the field: %s", async (_, body, paths) => {
    const { post, convex } = await zipApp();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect((await res.json()).fields.map((f: { path: string }) => f.path)).toEqual(paths);
    expect(convex.calls).toEqual([]);
  });

  it("keeps a 100-image link short enough for any browser and proxy (< 8 KB)", async () => {
    // Convex-like ids (32 random base32 characters), a job each: the least compressible selection.
    let seed = 7;
    const id = () =>
      Array.from(
        { length: 32 },
        () => "abcdefghjkmnpqrstvwxyz0123456789"[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 31],
      ).join("");
    const user = id();
    const images = Array.from({ length: 100 }, () => ({ id: id(), s3Key: `images/${user}/${id()}/0.png` }));
    const { url } = await signZipUrl(
      "https://api.pixorly.com",
      new CloudFrontSigner(pair.keyPairId, pair.privateKey),
      { images, transform: {} },
      NOW,
    );
    expect(url.length).toBeLessThan(8192);
  });
});

describe("GET /v1/images/zip", () => {
  it("streams the archive, one stored entry per image", async () => {
    const { post, get } = await zipApp();
    const { url } = await (await post({ ids: ["img_a", "img_b"] })).json();
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(entries).toEqual({ "pixorly-img_a.png": png, "pixorly-img_b.png": png });
  });

  it("403 without a signature, with a changed one, and once expired", async () => {
    const { post, get, clock } = await zipApp();
    const { url } = await (await post({ ids: ["img_a"] })).json();
    expect((await get(url.split("&Expires=")[0])).status).toBe(403);
    expect((await get(url.replace("s=", "s=A"))).status).toBe(403);
    clock.now = NOW + 300_000;
    const expired = await get(url);
    expect(expired.status).toBe(403);
    expect((await expired.json()).message).toBe(
      "This download link has expired; ask for a new one (POST /v1/images/zip).",
    );
  });
});

describe("OpenAPI", () => {
  it("documents both ZIP routes and the download option", async () => {
    const { app } = await zipApp();
    const doc = await (await app.request("/openapi.json")).json();
    expect(Object.keys(doc.paths["/v1/images/zip"]).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/v1/images/zip"].get.responses["200"].content).toHaveProperty("application/zip");
    expect(doc.components.schemas.ImageZipResponse.required.sort()).toEqual(["expiresAt", "filename", "url"]);
    expect(doc.components.schemas.ImageUrlsRequest.properties.download.anyOf).toHaveLength(2);
  });
});
