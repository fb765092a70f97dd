/**
 * Image delivery end to end: convex-local + s3rver + the edge API on loopback. A local model
 * generates an image; `POST /v1/images/urls` signs its URL with the caller's own token
 * (Convex decides ownership); the offline CDN verifies, reads S3, transforms and caches.
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { makeFunctionReference } from "convex/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageUrlFor } from "../src/cdn/image-url";
import { cloudFrontEnv, generateCloudFrontKeyPair, type CloudFrontKeyPair } from "../src/cdn/key-pair";
import { transformImage } from "../src/cdn/transform";
import { PUBLIC_CACHE_CONTROL, SIGNED_CACHE_CONTROL } from "../src/routes/cdn/get";
import { startStack, type Stack } from "./helpers";

const jobsCreate = makeFunctionReference<
  "mutation",
  { prompt: string; model: string; parameters: Record<string, unknown> },
  string
>("jobs:create");
const jobsGet = makeFunctionReference<
  "query",
  { jobId: string },
  { status: string; userId: string; resultImageIds: string[]; error?: { message: string } } | null
>("jobs:get");

let stack: Stack;
let pair: CloudFrontKeyPair;
/** Offset added to the edge API's clock, to step past a URL's expiry. */
const clock = { offset: 0 };

beforeAll(async () => {
  pair = await generateCloudFrontKeyPair("KE2E");
  stack = await startStack({
    env: cloudFrontEnv(pair),
    deps: { imageTransformer: transformImage, now: () => Date.now() + clock.offset },
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const devToken = (userId: string) => stack.devToken(userId);

async function generate(token: string, size: number): Promise<{ imageId: string; userId: string }> {
  const client = stack.clientFor(token);
  const jobId = await client.mutation(jobsCreate, {
    prompt: "a lighthouse at dusk",
    model: "local/aurora",
    parameters: { width: size, height: size, seed: 3 },
  });
  const job = await new Promise<NonNullable<Awaited<ReturnType<typeof client.query<typeof jobsGet>>>>>((resolve) => {
    client.onUpdate(jobsGet, { jobId }, (j) => {
      if (j?.status === "completed" || j?.status === "failed") resolve(j);
    });
  });
  expect(job.error?.message).toBeUndefined();
  return { imageId: job.resultImageIds[0]!, userId: job.userId };
}

async function urlsFor(token: string, body: unknown): Promise<{ id: string; url: string; expiresAt: number }[]> {
  const res = await fetch(`${stack.edgeUrl}/v1/images/urls`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()).urls;
}

const metadataOf = async (res: Response) => {
  const { width, height, format } = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
  return { width, height, format };
};

describe("signed image delivery (convex-local + s3rver + edge API)", () => {
  let owner: string;
  let imageId: string;
  let userId: string;

  beforeAll(async () => {
    owner = await devToken("cdn-owner");
    ({ imageId, userId } = await generate(owner, 512));
  }, 30_000);

  it("signs the owner's image; the CDN serves the original and its transforms", async () => {
    const [original] = await urlsFor(owner, { ids: [imageId] });
    expect(original!.url.startsWith(`${stack.edgeUrl}/cdn/images/${userId}/`)).toBe(true);
    expect(original!.expiresAt).toBeGreaterThan(Date.now() + 3_590_000);
    const res = await fetch(original!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe(SIGNED_CACHE_CONTROL);
    expect(await metadataOf(res)).toEqual({ width: 512, height: 512, format: "png" });

    const [small] = await urlsFor(owner, { ids: [imageId], transform: { w: 128, h: 96, f: "webp", q: 70 } });
    expect(small!.url).toContain("?w=128&h=96&f=webp&q=70&Expires=");
    const webp = await fetch(small!.url);
    expect(webp.headers.get("Content-Type")).toBe("image/webp");
    expect(await metadataOf(webp)).toEqual({ width: 128, height: 96, format: "webp" });

    const [auto] = await urlsFor(owner, { ids: [imageId], transform: { w: 64, f: "auto", fit: "inside" } });
    const avif = await fetch(auto!.url, { headers: { Accept: "image/avif,image/webp,*/*" } });
    expect(avif.headers.get("Vary")).toContain("Accept");
    expect(await metadataOf(avif)).toEqual({ width: 64, height: 64, format: "heif" });
  });

  it("answers 304 to If-None-Match and serves repeats from the variant cache", async () => {
    const [signed] = await urlsFor(owner, { ids: [imageId], transform: { w: 200, f: "jpeg" } });
    const first = await fetch(signed!.url);
    expect(first.headers.get("X-Cache")).toBe("MISS");
    const etag = first.headers.get("ETag")!;
    const again = await fetch(signed!.url);
    expect(again.headers.get("X-Cache")).toBe("HIT");
    const notModified = await fetch(signed!.url, { headers: { "If-None-Match": etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("ETag")).toBe(etag);
  });

  it("refuses every tampered parameter with 403", async () => {
    const [signed] = await urlsFor(owner, {
      ids: [imageId],
      transform: { w: 256, h: 256, f: "webp", q: 80, fit: "cover" },
    });
    const url = signed!.url;
    expect((await fetch(url)).status).toBe(200);
    const tampered = [
      url.replace("w=256", "w=2048"),
      url.replace("h=256", "h=255"),
      url.replace("f=webp", "f=png"),
      url.replace("q=80", "q=100"),
      url.replace("fit=cover", "fit=fill"),
      url.replace("&fit=cover", ""),
      url.replace("?", "?x=1&"),
      url.replace("w=256&h=256", "h=256&w=256"),
      url.replace(/\/0\.(png|jpeg|webp)\?/, "/1.$1?"),
      url.replace(/Expires=(\d+)/, (_, e) => `Expires=${Number(e) + 86_400}`),
      url.replace(/Key-Pair-Id=[^&]+/, "Key-Pair-Id=KUNKNOWN"),
      url.replace(/Signature=(.)/, (_, ch) => `Signature=${ch === "A" ? "B" : "A"}`),
      url.replace(/&Signature=[^&]+/, ""),
    ];
    for (const bad of tampered) {
      const res = await fetch(bad);
      expect(res.status, bad).toBe(403);
      expect(await res.json()).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("refuses an unsigned URL to a private image (Convex does not list it public)", async () => {
    const [signed] = await urlsFor(owner, { ids: [imageId] });
    const res = await fetch(signed!.url.split("?")[0]!);
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain("private");
  });

  it("serves a public image from its stable unsigned URL; a private one's unsigned URL stays 403", async () => {
    const { imageId: publicId } = await generate(owner, 256);
    const made = await stack.convex.engine.runMutation("images:setPublic", { id: publicId, isPublic: true }, null, {
      publicOnly: false,
    });
    expect(made.value).toBeNull();
    const [publicUrl, privateUrl] = await urlsFor(owner, { ids: [publicId, imageId], transform: { w: 64, f: "webp" } });
    expect(publicUrl!.url).toMatch(/\/0\.png\?w=64&f=webp$/);
    const res = await fetch(publicUrl!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe(PUBLIC_CACHE_CONTROL);
    expect(await metadataOf(res)).toEqual({ width: 64, height: 64, format: "webp" });
    // Anyone may fetch it: the URL carries no credential and needs none.
    expect((await fetch(publicUrl!.url.replace("w=64", "w=32"))).status).toBe(200);

    expect(privateUrl!.url).toContain("&Signature=");
    const unsigned = await fetch(privateUrl!.url.split("&Expires=")[0]!);
    expect(unsigned.status).toBe(403);
    expect((await unsigned.json()).code).toBe("FORBIDDEN");
  });

  it("leaves out ids the caller does not own", async () => {
    const stranger = await devToken("cdn-stranger");
    expect(await urlsFor(stranger, { ids: [imageId, "not-an-id"] })).toEqual([]);
  });

  it("refuses a source over 50 megapixels for transforms (422) but serves its original", async () => {
    const key = `images/${userId}/huge/0.png`;
    const huge = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: "#123" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const s3 = new S3Client({
      endpoint: stack.s3.endpoint,
      forcePathStyle: true,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    await s3.send(new PutObjectCommand({ Bucket: stack.s3.bucket, Key: key, Body: huge, ContentType: "image/png" }));
    const settings = { cdnBaseUrl: `${stack.edgeUrl}/cdn`, signer: stack.app.services.imageSigner, now: Date.now() };
    const transformed = await fetch(
      (await imageUrlFor({ s3Key: key, isPublic: false, transform: { w: 256 } }, settings)).url,
    );
    expect(transformed.status).toBe(422);
    expect((await transformed.json()).message).toContain("larger than 50 megapixels");
    const original = await fetch((await imageUrlFor({ s3Key: key, isPublic: false }, settings)).url);
    expect(original.status).toBe(200);
    expect(await metadataOf(original)).toMatchObject({ width: 8000, height: 7000 });
  });

  it("refuses the URL once it has expired", async () => {
    const [signed] = await urlsFor(owner, { ids: [imageId], transform: { w: 32 } });
    expect((await fetch(signed!.url)).status).toBe(200);
    clock.offset = signed!.expiresAt - Date.now();
    try {
      const res = await fetch(signed!.url);
      expect(res.status).toBe(403);
      expect((await res.json()).message).toContain("expired");
    } finally {
      clock.offset = 0;
    }
  });
});
