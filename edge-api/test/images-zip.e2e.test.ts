/**
 * Downloads end to end (convex-local + s3rver + the edge API on loopback): a download URL saves
 * under the right name; a ZIP link made with the owner's token streams an archive whose entries
 * are byte for byte the stored images (or their CDN variants); someone else's id, a changed
 * link, an expired link and a deleted image are refused.
 */
import { DeleteObjectCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { makeFunctionReference } from "convex/server";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../src/cdn/key-pair";
import { transformImage } from "../src/cdn/transform";
import { startStack, type Stack } from "./helpers";

const jobsCreate = makeFunctionReference<
  "mutation",
  { prompt: string; model: string; parameters: Record<string, unknown> },
  string
>("jobs:create");
const jobsGet = makeFunctionReference<
  "query",
  { jobId: string },
  { status: string; resultImageIds: string[]; error?: { message: string } } | null
>("jobs:get");
const imagesDelivery = makeFunctionReference<"mutation", { ids: string[] }, { id: string; s3Key: string }[]>(
  "images:delivery",
);

let stack: Stack;
let s3: S3Client;
const clock = { offset: 0 };

beforeAll(async () => {
  stack = await startStack({
    env: cloudFrontEnv(await generateCloudFrontKeyPair("KZIP")),
    deps: { imageTransformer: transformImage, now: () => Date.now() + clock.offset },
  });
  s3 = new S3Client({
    endpoint: stack.s3.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const devToken = (userId: string) => stack.devToken(userId);

const client = (token: string) => stack.clientFor(token);

/** A finished local-model job's image ids. */
async function generate(token: string, count: number, seed: number): Promise<string[]> {
  const c = client(token);
  const jobId = await c.mutation(jobsCreate, {
    prompt: "a harbour at dawn",
    model: "local/aurora",
    parameters: { width: 128, height: 128, seed, numImages: count },
  });
  const job = await new Promise<NonNullable<Awaited<ReturnType<typeof c.query<typeof jobsGet>>>>>((resolve) => {
    c.onUpdate(jobsGet, { jobId }, (j) => {
      if (j?.status === "completed" || j?.status === "failed") resolve(j);
    });
  });
  expect(job.error?.message).toBeUndefined();
  return job.resultImageIds;
}

const post = (path: string, token: string, body: unknown) =>
  fetch(`${stack.edgeUrl}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

async function stored(s3Key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: stack.s3.bucket, Key: s3Key }));
  return object.Body!.transformToByteArray();
}

describe("downloads (convex-local + s3rver + edge API)", () => {
  let owner: string;
  let ids: string[];
  let keys: Map<string, string>;
  let strangerId: string;

  beforeAll(async () => {
    owner = await devToken("zip-owner");
    ids = [...(await generate(owner, 1, 1)), ...(await generate(owner, 1, 2))];
    keys = new Map((await client(owner).mutation(imagesDelivery, { ids })).map((image) => [image.id, image.s3Key]));
    [strangerId] = await generate(await devToken("zip-stranger"), 1, 3);
  }, 60_000);

  it("a download URL saves the image under the asked name, in the asked format", async () => {
    const res = await post("/v1/images/urls", owner, {
      ids: [ids[0]],
      download: { filename: "harbour.png" },
      transform: { w: 64, f: "jpeg" },
    });
    expect(res.status).toBe(200);
    const [{ url }] = (await res.json()).urls;
    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get("Content-Disposition")).toBe(
      `attachment; filename="harbour.jpg"; filename*=UTF-8''harbour.jpg`,
    );
    expect((await sharp(new Uint8Array(await image.arrayBuffer())).metadata()).format).toBe("jpeg");
    expect((await fetch(url.replace("download=harbour", "download=harbor"))).status).toBe(403);
  });

  it("streams a ZIP whose entries are the stored images, byte for byte", async () => {
    const res = await post("/v1/images/zip", owner, { ids });
    expect(res.status).toBe(200);
    const link = await res.json();
    expect(link).toMatchObject({
      filename: "pixorly-2-images.zip",
      url: expect.stringMatching(/\/v1\/images\/zip\?s=[\w-]+&Expires=\d+&Key-Pair-Id=KZIP&Signature=/),
    });
    expect(link.expiresAt - Date.now()).toBeGreaterThan(290_000);
    expect(link.expiresAt - Date.now()).toBeLessThanOrEqual(300_000);

    const zip = await fetch(link.url);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("Content-Type")).toBe("application/zip");
    expect(zip.headers.get("Content-Disposition")).toBe('attachment; filename="pixorly-2-images.zip"');
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(entries)).toEqual(ids.map((id) => `pixorly-${id}.png`));
    for (const id of ids) expect(entries[`pixorly-${id}.png`]).toEqual(await stored(keys.get(id)!));
  });

  it("applies the transform through the CDN's variants", async () => {
    const link = await (await post("/v1/images/zip", owner, { ids, transform: { w: 64, h: 64, f: "webp" } })).json();
    const entries = unzipSync(new Uint8Array(await (await fetch(link.url)).arrayBuffer()));
    const [{ url: variantUrl }] = (
      await (await post("/v1/images/urls", owner, { ids: [ids[1]], transform: { w: 64, h: 64, f: "webp" } })).json()
    ).urls;
    expect(entries[`pixorly-${ids[1]}.webp`]).toEqual(new Uint8Array(await (await fetch(variantUrl)).arrayBuffer()));
    expect(await sharp(entries[`pixorly-${ids[0]}.webp`]!).metadata()).toMatchObject({
      format: "webp",
      width: 64,
      height: 64,
    });
  });

  it("404 for the whole request when one id is someone else's", async () => {
    const res = await post("/v1/images/zip", owner, { ids: [ids[0], strangerId] });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "NOT_FOUND", message: `Image ${strangerId} was not found.` });
  });

  it("403 for a changed link, and once it has expired", async () => {
    const { url } = await (await post("/v1/images/zip", owner, { ids: [ids[0]] })).json();
    const other = await (await post("/v1/images/zip", owner, { ids })).json();
    // Someone else's selection under this link's signature.
    const swapped = `${other.url.split("&Expires=")[0]}&Expires=${url.split("&Expires=")[1]}`;
    const tampered = await fetch(swapped);
    expect(tampered.status).toBe(403);
    expect(await tampered.json()).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("changed after signing"),
    });
    clock.offset = 301_000;
    try {
      const expired = await fetch(url);
      expect(expired.status).toBe(403);
      expect(await expired.json()).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("expired") });
    } finally {
      clock.offset = 0;
    }
  });

  it("404 once an image of the link was deleted", async () => {
    const [id] = await generate(owner, 1, 4);
    const [{ s3Key }] = await client(owner).mutation(imagesDelivery, { ids: [id!] });
    const { url } = await (await post("/v1/images/zip", owner, { ids: [ids[0], id] })).json();
    await s3.send(new DeleteObjectCommand({ Bucket: stack.s3.bucket, Key: s3Key }));
    const res = await fetch(url);
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe("NOT_FOUND");
  });
});
