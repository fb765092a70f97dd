/**
 * Uploading images to work from (issue 16) end to end: convex-local + s3rver + the edge API with
 * the Node entry's sharp processor. Each refusal is checked to leave nothing in S3 and no bytes
 * counted; an accepted file comes back upright and without metadata, owned by its uploader only.
 */
import { ListObjectsV2Command, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { makeFunctionReference } from "convex/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudFrontEnv, generateCloudFrontKeyPair } from "../src/cdn/key-pair";
import { processInput } from "../src/inputs/process-input";
import { createKey, generateImage, postJsonWithKey, waitForJob, withKey } from "./api-v1/setup";
import { startStack, type Stack } from "./helpers";

const inputsList = makeFunctionReference<
  "query",
  Record<string, never>,
  { inputId: string; kind: string; width: number; height: number; format: string; bytes: number }[]
>("inputs:list");
const inputsRemove = makeFunctionReference<"mutation", { inputId: string }, null>("inputs:remove");
const usersEnsure = makeFunctionReference<"mutation", Record<string, never>, { userId: string }>("users:ensure");
const jobsMe = makeFunctionReference<"query", Record<string, never>, { storageUsed: number } | null>("jobs:me");

let stack: Stack;
let s3: S3Client;

beforeAll(async () => {
  stack = await startStack({
    env: cloudFrontEnv(await generateCloudFrontKeyPair("KINPUT")),
    deps: { inputProcessor: processInput },
  });
  s3 = new S3Client({
    region: "us-east-1",
    endpoint: stack.s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** The keys of the objects in the input folder of `token`'s user. */
async function storedKeys(token: string): Promise<string[]> {
  const { userId } = await stack.clientFor(token).mutation(usersEnsure, {});
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: stack.s3.bucket, Prefix: `inputs/${userId}/` }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

async function storedObject(key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: stack.s3.bucket, Key: key }));
  return await object.Body!.transformToByteArray();
}

function upload(token: string, body: BodyInit, init: { contentType?: string; kind?: string } = {}) {
  return fetch(`${stack.edgeUrl}/v1/inputs${init.kind ? `?kind=${init.kind}` : ""}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, ...(init.contentType ? { "Content-Type": init.contentType } : {}) },
    body,
  });
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .png()
    .toBuffer();

/** CRC-32 of PNG chunks (zlib's polynomial). */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A valid PNG header declaring `width`×`height` with a few bytes of data: a decompression bomb's shape. */
function bombPng(width: number, height: number): Uint8Array<ArrayBuffer> {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk("IEND", new Uint8Array()),
  ];
  return new Uint8Array(Buffer.concat(parts));
}

async function expectRefused(res: Response, status: number, code: string, message: RegExp) {
  const body = await res.json();
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(body.message).toMatch(message);
  expect(body.requestId).toBeTruthy();
}

describe("POST /v1/inputs (convex-local + s3rver + edge API)", () => {
  it("stores a PNG privately for its uploader, counted in storage, and removes it again", async () => {
    const token = await stack.devToken("input-owner");
    const owner = stack.clientFor(token);
    const res = await upload(token, await png(64, 48), { contentType: "image/png" });
    expect(res.status).toBe(201);
    const uploaded = await res.json();
    expect(uploaded).toMatchObject({ kind: "image", width: 64, height: 48, format: "png" });
    const [row] = await owner.query(inputsList, {});
    expect(row).toMatchObject({ inputId: uploaded.inputId, bytes: uploaded.bytes });
    expect((await owner.query(jobsMe, {}))!.storageUsed).toBe(uploaded.bytes);
    const keys = await storedKeys(token);
    expect(keys.filter((k) => k.endsWith(".png"))).toHaveLength(1);

    // Another user can neither see nor remove it.
    const other = stack.clientFor(await stack.devToken("input-stranger"));
    expect(await other.query(inputsList, {})).toEqual([]);
    await expect(other.mutation(inputsRemove, { inputId: uploaded.inputId })).rejects.toThrow(/Input not found/);

    await owner.mutation(inputsRemove, { inputId: uploaded.inputId });
    expect(await owner.query(inputsList, {})).toEqual([]);
    expect((await owner.query(jobsMe, {}))!.storageUsed).toBe(0);
    for (let i = 0; i < 50 && (await storedKeys(token)).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await storedKeys(token)).toEqual([]);
  });

  it("turns an EXIF-rotated JPEG upright and strips its metadata (multipart upload)", async () => {
    const token = await stack.devToken("input-exif");
    // 80×40 pixels stored, orientation 6: shown rotated 90° clockwise, i.e. 40×80.
    const rotated = await sharp({ create: { width: 80, height: 40, channels: 3, background: "#3366cc" } })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: "secret-camera-owner" } } })
      .toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const form = new FormData();
    form.append("file", new Blob([rotated], { type: "image/jpeg" }), "photo.jpg");
    const res = await upload(token, form);
    expect(res.status).toBe(201);
    const uploaded = await res.json();
    expect(uploaded).toMatchObject({ width: 40, height: 80, format: "jpeg" });
    const key = (await storedKeys(token)).find((k) => k.endsWith(".jpeg"))!;
    const stored = await storedObject(key);
    const meta = await sharp(stored).metadata();
    expect({ width: meta.width, height: meta.height, orientation: meta.orientation, exif: meta.exif }).toEqual({
      width: 40,
      height: 80,
      orientation: undefined,
      exif: undefined,
    });
    expect(Buffer.from(stored).includes("secret-camera-owner")).toBe(false);
    await stack.clientFor(token).mutation(inputsRemove, { inputId: uploaded.inputId });
  });

  it("stores a mask as a one-channel PNG", async () => {
    const token = await stack.devToken("input-mask");
    const rgba = await sharp({ create: { width: 32, height: 32, channels: 4, background: "#ffffffff" } })
      .png()
      .toBuffer();
    const res = await upload(token, rgba, { kind: "mask", contentType: "image/png" });
    expect(res.status).toBe(201);
    const uploaded = await res.json();
    expect(uploaded).toMatchObject({ kind: "mask", format: "png", width: 32, height: 32 });
    const meta = await sharp(await storedObject((await storedKeys(token))[0]!)).metadata();
    expect(meta.channels).toBe(1);
    await stack.clientFor(token).mutation(inputsRemove, { inputId: uploaded.inputId });
  });

  it("refuses wrong, lying, oversized, bomb and broken files and stores nothing", async () => {
    const token = await stack.devToken("input-refusals");
    const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==", "base64");
    await expectRefused(await upload(token, gif, { contentType: "image/gif" }), 415, "INPUT_UNSUPPORTED_TYPE", /GIF/);
    // A script that says it is a PNG.
    await expectRefused(
      await upload(token, "<svg onload=alert(1)></svg>".padEnd(64), { contentType: "image/png" }),
      415,
      "INPUT_UNSUPPORTED_TYPE",
      /not a PNG, JPEG or WebP/,
    );
    // A JPEG signature followed by garbage.
    await expectRefused(
      await upload(token, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)])),
      422,
      "INPUT_UNREADABLE",
      /JPEG/,
    );
    // A truncated PNG: its header is fine, its pixels are cut off.
    const whole = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#123456" } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    await expectRefused(await upload(token, whole.subarray(0, 2000)), 422, "INPUT_UNREADABLE", /damaged or truncated/);
    // 100,000² declared in 70 bytes: refused from the header, before decoding.
    const started = performance.now();
    await expectRefused(
      await upload(token, bombPng(100_000, 100_000)),
      422,
      "INPUT_TOO_MANY_PIXELS",
      /100000×100000.*at most 40 megapixels/,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    await expectRefused(
      await upload(token, new Uint8Array(50 * 1024 * 1024 + 64 * 1024 + 1)),
      413,
      "INPUT_TOO_LARGE",
      /larger than this route accepts \(50 MB\)/,
    );
    // The first check for files between the file limit and the multipart allowance.
    const justOver = new Uint8Array(50 * 1024 * 1024 + 10);
    justOver.set(await png(8, 8));
    await expectRefused(await upload(token, justOver), 413, "INPUT_TOO_LARGE", /at most 50 MB/);

    expect(await storedKeys(token)).toEqual([]);
    expect((await stack.clientFor(token).query(jobsMe, {}))?.storageUsed ?? 0).toBe(0);
  });

  it("refuses a request without a valid token", async () => {
    const res = await upload("not-a-token", await png(8, 8));
    expect(res.status).toBe(401);
  });
});

describe("POST /api/v1/inputs (API key)", () => {
  it("stores the raw file for the key's owner", async () => {
    const { key } = await createKey(stack, "input-rest");
    const res = await withKey(stack, key, "/api/v1/inputs", {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: await png(64, 64),
    });
    expect(res.status).toBe(201);
    const uploaded = await res.json();
    expect(uploaded).toMatchObject({ kind: "image", width: 64, height: 64, format: "png" });

    // img2img from the upload through POST /api/v1/generate; the image shows where it came from.
    const created = await postJsonWithKey(stack, key, "/api/v1/generate", {
      prompt: "a fox in the style of a mosaic",
      model: "local/mosaic",
      parameters: { width: 128, height: 128, seed: 1 },
      input: { operation: "img2img", inputId: uploaded.inputId, strength: 0.7 },
    });
    expect(created.status).toBe(202);
    const job = await waitForJob(stack, key, (await created.json()).jobId);
    expect(job.status).toBe("completed");
    const image = await (await withKey(stack, key, `/api/v1/images/${job.images[0].id}`)).json();
    expect(image.lineage).toEqual({ operation: "img2img", inputId: uploaded.inputId });

    // A field the model does not support is named.
    const refused = await postJsonWithKey(stack, key, "/api/v1/generate", {
      prompt: "",
      model: "local/mosaic",
      input: { operation: "upscale", inputId: uploaded.inputId, scale: 2 },
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).fields.map((f: { field: string }) => f.field)).toEqual(["input.operation"]);
    const { key: readOnly } = await createKey(stack, "input-rest-ro", ["images:read"]);
    const forbidden = await withKey(stack, readOnly, "/api/v1/inputs", { method: "POST", body: await png(8, 8) });
    expect(forbidden.status).toBe(403);
  });
});

describe("POST /api/v1/generate with input.imageUrl", () => {
  it("works from the key owner's image by its URL and refuses other URLs naming input.imageUrl", async () => {
    const { key } = await createKey(stack, "url-input-rest");
    const sourceId = await generateImage(stack, key);
    const { url } = await (await withKey(stack, key, `/api/v1/images/${sourceId}`)).json();
    expect(url).toMatch(/Signature=/);
    const created = await postJsonWithKey(stack, key, "/api/v1/generate", {
      prompt: "",
      model: "local/aurora",
      parameters: { width: 128, height: 128, seed: 2 },
      input: { operation: "variations", imageUrl: url },
    });
    expect(created.status).toBe(202);
    const job = await waitForJob(stack, key, (await created.json()).jobId);
    expect(job.status).toBe("completed");
    const image = await (await withKey(stack, key, `/api/v1/images/${job.images[0].id}`)).json();
    expect(image.lineage).toEqual({ operation: "variations", sourceImageId: sourceId });

    const { key: strangerKey } = await createKey(stack, "url-input-rest-stranger");
    const refused = async (imageUrl: string) => {
      const res = await postJsonWithKey(stack, strangerKey, "/api/v1/generate", {
        prompt: "",
        model: "local/aurora",
        input: { operation: "variations", imageUrl },
      });
      const body = await res.json();
      return { status: res.status, code: body.code, fields: body.fields.map((f: { field: string }) => f.field), body };
    };
    for (const [imageUrl, message] of [
      [url, /belongs to another account/],
      [url.replace(stack.edgeUrl, "https://evil.example"), /not evil\.example/],
      ["garbage", /http\(s\) URL/],
    ] as const) {
      const answer = await refused(imageUrl);
      expect({ status: answer.status, code: answer.code, fields: answer.fields }).toEqual({
        status: 400,
        code: "INVALID_ARGUMENT",
        fields: ["input.imageUrl"],
      });
      expect(answer.body.fields[0].message).toMatch(message);
    }
    const usage = await (await withKey(stack, strangerKey, "/api/v1/usage")).json();
    expect({ credits: usage.totals.credits, generations: usage.totals.generations }).toEqual({
      credits: 0,
      generations: 0,
    });

    const doc = await (await stack.app.request("/openapi.json")).json();
    expect(JSON.stringify(doc.components.schemas.GenerateRequest)).toContain("imageUrl");
  });
});
