/**
 * The CDN's bounds end to end (convex-local + s3rver + the edge API on loopback): a worst-case
 * transform is refused while token checks go on, a non-image object answers 415, and a deleted
 * image stops being served from the variant cache through URLs issued before the deletion.
 */
import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageUrlFor } from "../src/cdn/image-url";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../src/cdn/key-pair";
import { transformImage } from "../src/cdn/transform";
import { REVALIDATE_MS } from "../src/routes/cdn/object-freshness";
import { startStack, type Stack } from "./helpers";

const jobsCreate = makeFunctionReference<
  "mutation",
  { prompt: string; model: string; parameters: Record<string, unknown> },
  string
>("jobs:create");
const jobsGet = makeFunctionReference<
  "query",
  { jobId: string },
  { status: string; userId: string; resultImageIds: string[] } | null
>("jobs:get");
const imagesRemove = makeFunctionReference<"mutation", { id: string }, null>("images:remove");

let stack: Stack;
let s3: S3Client;
const clock = { offset: 0 };

beforeAll(async () => {
  stack = await startStack({
    env: cloudFrontEnv(await generateCloudFrontKeyPair("KLIMIT")),
    deps: { imageTransformer: transformImage, now: () => Date.now() + clock.offset },
  });
  s3 = new S3Client({
    endpoint: stack.s3.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
}, 60_000);
afterAll(async () => await stack?.close());

async function signIn(userId: string): Promise<{ token: string; client: ConvexHttpClient }> {
  const res = await fetch(`${stack.edgeUrl}/v1/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId }),
  });
  const { token } = await res.json();
  const client = new ConvexHttpClient(stack.convexUrl, { logger: false });
  client.setAuth(token);
  return { token, client };
}

async function generate(client: ConvexHttpClient): Promise<string> {
  const jobId = await client.mutation(jobsCreate, {
    prompt: "a harbour at night",
    model: "local/aurora",
    parameters: { width: 256, height: 256, seed: 9 },
  });
  for (let i = 0; i < 200; i++) {
    const job = await client.query(jobsGet, { jobId });
    if (job?.status === "completed") return job.resultImageIds[0]!;
    if (job?.status === "failed") throw new Error("generation failed");
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("generation did not finish");
}

async function urlFor(token: string, imageId: string, transform?: object): Promise<string> {
  const res = await fetch(`${stack.edgeUrl}/v1/images/urls`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ ids: [imageId], ...(transform ? { transform } : {}) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).urls[0].url;
}

describe("CDN bounds", () => {
  let owner: { token: string; client: ConvexHttpClient };
  let imageId: string;

  beforeAll(async () => {
    owner = await signIn("cdn-limits");
    imageId = await generate(owner.client);
  }, 30_000);

  it("refuses four 4096² AVIF fills (422) while token checks and URL signing keep answering", async () => {
    const worst = await urlFor(owner.token, imageId, { w: 4096, h: 4096, f: "avif", q: 93, fit: "fill" });
    const [transforms, urls] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, () => fetch(worst))),
      Promise.all(Array.from({ length: 4 }, () => urlFor(owner.token, imageId, { w: 64 }))),
    ]);
    for (const res of transforms) {
      expect(res.status).toBe(422);
      expect((await res.json()).message).toContain("too expensive");
    }
    expect(urls).toHaveLength(4);
    // What the ceiling allows is still served.
    expect((await fetch(await urlFor(owner.token, imageId, { w: 512, f: "avif" }))).status).toBe(200);
  });

  it("answers 415 for a non-image object, served as neither its stored type nor an image", async () => {
    const key = `images/${"x".repeat(8)}/page/0.png`;
    await s3.send(
      new PutObjectCommand({
        Bucket: stack.s3.bucket,
        Key: key,
        Body: "<!doctype html><script>alert(1)</script>",
        ContentType: "text/html",
      }),
    );
    const settings = { cdnBaseUrl: `${stack.edgeUrl}/cdn`, signer: stack.app.services.imageSigner, now: Date.now() };
    for (const transform of [undefined, { w: 64 }]) {
      const res = await fetch(
        (await imageUrlFor({ s3Key: key, isPublic: false, ...(transform ? { transform } : {}) }, settings)).url,
      );
      expect(res.status).toBe(415);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    }
  });

  it("stops serving a deleted image from the variant cache within the revalidation interval", async () => {
    const doomed = await generate(owner.client);
    const url = await urlFor(owner.token, doomed, { w: 128, f: "webp" });
    expect((await fetch(url)).headers.get("X-Cache")).toBe("MISS");
    expect((await fetch(url)).headers.get("X-Cache")).toBe("HIT");
    const original = await urlFor(owner.token, doomed);
    expect((await fetch(original)).status).toBe(200);

    await owner.client.mutation(imagesRemove, { id: doomed });
    const key = decodeURIComponent(new URL(url).pathname.slice("/cdn/".length));
    for (let i = 0; ; i++) {
      const gone = await s3.send(new HeadObjectCommand({ Bucket: stack.s3.bucket, Key: key })).then(
        () => false,
        () => true,
      );
      if (gone) break;
      if (i > 100) throw new Error("the object was not deleted from S3");
      await new Promise((r) => setTimeout(r, 50));
    }
    clock.offset += REVALIDATE_MS;
    try {
      for (const u of [url, original]) {
        const res = await fetch(u);
        expect(res.status).toBe(404);
        expect(res.headers.get("X-Cache")).toBeNull();
      }
    } finally {
      clock.offset = 0;
    }
  });
});
