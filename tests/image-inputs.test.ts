/**
 * Issue 16 end to end on convex-local + s3rver: jobs that work from an image (img2img, variations,
 * inpaint with an uploaded mask, local/upscale ×2/×4) run through the real pipeline (the Node
 * action, sharp, the local models), record their lineage, refuse other users' sources naming the
 * field, and the account's storage counts inputs exactly. The uploads themselves (the edge API's
 * checks) are tested in edge-api/test/inputs.e2e.test.ts; here the mask is stored the way the edge
 * API stores it (an object in the user's folder, registered with the service token).
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startBackendStack, type BackendStack, finishedJob } from "./stack";

type Job = { status: string; resultImageIds: string[]; error?: { message: string }; parameters: { width: number } };
const jobsCreate = makeFunctionReference<"mutation", Record<string, unknown>, string>("jobs:create");
const jobsGet = makeFunctionReference<"query", { jobId: string }, Job | null>("jobs:get");
const jobsMe = makeFunctionReference<"query", Record<string, never>, { storageUsed: number; credits: number } | null>(
  "jobs:me",
);
const imagesGet = makeFunctionReference<
  "query",
  { imageId: string },
  { width: number; height: number; size: number; lineage?: Record<string, string> } | null
>("images:get");
const imagesLineage = makeFunctionReference<
  "query",
  { imageId: string },
  { imageId: string; exists: boolean; operation?: string }[]
>("images:lineage");
const imagesRemove = makeFunctionReference<"mutation", { id: string }, unknown>("images:remove");
const inputsPrepare = makeFunctionReference<"mutation", { bytes: number }, { userId: string; folder: string }>(
  "inputs:prepareUpload",
);
const inputsExpect = makeFunctionReference<"mutation", Record<string, unknown>, null>("inputs:expectUpload");
const inputsRegister = makeFunctionReference<"mutation", Record<string, unknown>, string>("inputs:register");
const inputsRemove = makeFunctionReference<"mutation", { inputId: string }, null>("inputs:remove");

let stack: BackendStack;
let owner: ConvexClient;
let stranger: ConvexClient;
let service: ConvexClient;

beforeAll(async () => {
  stack = await startBackendStack("image-inputs");
  owner = await stack.clientFor("inputs-owner");
  stranger = await stack.clientFor("inputs-stranger");
  service = await stack.clientFor("service:edge-api", { scp: ["service"] });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

async function generate(client: ConvexClient, request: Record<string, unknown>) {
  const job = await finishedJob(client, await client.mutation(jobsCreate, request));
  expect(job.error?.message ?? job.status).toBe("completed");
  return job;
}

const text = { prompt: "a red fox in snow", model: "local/aurora", parameters: { width: 256, height: 192, seed: 3 } };

/** Stores a mask the way the edge API does: announced, written to the user's folder, registered with the service token. */
async function uploadMask(
  client: ConvexClient,
  width: number,
  height: number,
): Promise<{ inputId: string; bytes: number }> {
  const png = await sharp({
    create: { width, height, channels: 3, background: "#000000" },
  })
    .composite([
      { input: { create: { width: width / 2, height, channels: 3, background: "#ffffff" } }, left: width / 2, top: 0 },
    ])
    .toColourspace("b-w")
    .png()
    .toBuffer();
  const { userId, folder } = await client.mutation(inputsPrepare, { bytes: png.byteLength });
  const s3Key = `${folder}mask-${Date.now()}.png`;
  const s3 = new S3Client({
    region: "us-east-1",
    endpoint: stack.s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  await service.mutation(inputsExpect, { userId, s3Bucket: stack.s3.bucket, s3Key });
  await s3.send(new PutObjectCommand({ Bucket: stack.s3.bucket, Key: s3Key, Body: png, ContentType: "image/png" }));
  const inputId = await service.mutation(inputsRegister, {
    userId,
    kind: "mask",
    s3Bucket: stack.s3.bucket,
    s3Key,
    size: png.byteLength,
    width,
    height,
    format: "png",
  });
  return { inputId, bytes: png.byteLength };
}

describe("image inputs through the pipeline", () => {
  it("img2img, variations, inpaint and upscale from a library image, with lineage", async () => {
    const [sourceId] = (await generate(owner, text)).resultImageIds;
    const source = (await owner.query(imagesGet, { imageId: sourceId! }))!;

    const img2img = await generate(owner, {
      ...text,
      prompt: "the same fox at dusk",
      input: { operation: "img2img", imageId: sourceId, strength: 0.5 },
    });
    const variation = await generate(owner, {
      ...text,
      prompt: "",
      model: "local/mosaic",
      input: { operation: "variations", imageId: img2img.resultImageIds[0] },
    });
    const mask = await uploadMask(owner, 256, 192);
    const inpaint = await generate(owner, {
      ...text,
      prompt: "a glowing moon",
      input: { operation: "inpaint", imageId: sourceId, maskInputId: mask.inputId },
    });
    const started = performance.now();
    const upscaled = await generate(owner, {
      ...text,
      prompt: "",
      model: "local/upscale",
      parameters: { width: 256, height: 256 },
      input: { operation: "upscale", imageId: sourceId, scale: 4 },
    });
    const upscaleMs = performance.now() - started;

    const inpainted = (await owner.query(imagesGet, { imageId: inpaint.resultImageIds[0]! }))!;
    expect(inpainted.lineage).toEqual({ operation: "inpaint", sourceImageId: sourceId, maskInputId: mask.inputId });
    expect({ width: inpainted.width, height: inpainted.height }).toEqual({ width: 256, height: 192 });
    const big = (await owner.query(imagesGet, { imageId: upscaled.resultImageIds[0]! }))!;
    expect({ width: big.width, height: big.height }).toEqual({ width: source.width * 4, height: source.height * 4 });
    expect(big.lineage).toEqual({ operation: "upscale", sourceImageId: sourceId });
    console.log(`upscale ×4 of ${source.width}×${source.height} through the pipeline: ${upscaleMs.toFixed(0)} ms`);

    // The chain of the variation: variation ← img2img ← the text-to-image original.
    const chain = await owner.query(imagesLineage, { imageId: variation.resultImageIds[0]! });
    expect(chain.map((entry) => [entry.operation ?? null, entry.exists])).toEqual([
      ["variations", true],
      ["img2img", true],
      [null, true],
    ]);
    expect(chain[2]!.imageId).toBe(sourceId);
    // Others see nothing of it.
    expect(await stranger.query(imagesLineage, { imageId: variation.resultImageIds[0]! })).toEqual([]);

    // A deleted source stays in the chain as gone.
    await owner.mutation(imagesRemove, { id: img2img.resultImageIds[0]! });
    const after = await owner.query(imagesLineage, { imageId: variation.resultImageIds[0]! });
    expect(after.map((entry) => entry.exists)).toEqual([true, false]);
  });

  it("refuses another user's image or mask, a wrong operation and a missing prompt, naming the field", async () => {
    const [ownId] = (await generate(owner, text)).resultImageIds;
    const create = (client: ConvexClient, request: Record<string, unknown>) =>
      client.mutation(jobsCreate, { ...text, ...request }).then(
        () => null,
        (e: { data: { code: string; fields?: { field: string }[] } }) => ({
          code: e.data.code,
          fields: e.data.fields?.map((f) => f.field),
        }),
      );
    expect(await create(stranger, { input: { operation: "img2img", imageId: ownId } })).toEqual({
      code: "INVALID_ARGUMENT",
      fields: ["input.imageId"],
    });
    const mask = await uploadMask(owner, 64, 64);
    await owner.query(jobsMe, {});
    const [strangerImage] = (await generate(stranger, text)).resultImageIds;
    expect(
      await create(stranger, { input: { operation: "inpaint", imageId: strangerImage, maskInputId: mask.inputId } }),
    ).toEqual({ code: "INVALID_ARGUMENT", fields: ["input.maskInputId"] });
    expect(await create(owner, { input: { operation: "upscale", imageId: ownId, scale: 2 } })).toEqual({
      code: "INVALID_ARGUMENT",
      fields: ["input.operation"],
    });
    expect(await create(owner, { prompt: " ", input: { operation: "img2img", imageId: ownId } })).toEqual({
      code: "INVALID_ARGUMENT",
      fields: ["prompt"],
    });
    expect(
      await create(owner, { model: "local/upscale", prompt: "sharper", parameters: { width: 256, height: 256 } }),
    ).toEqual({
      code: "INVALID_ARGUMENT",
      fields: ["input"],
    });
    await owner.mutation(inputsRemove, { inputId: mask.inputId });
  });

  it("counts inputs in storage exactly and gives the bytes back when they are removed", async () => {
    const client = await stack.clientFor("inputs-storage");
    await client.mutation(jobsCreate, text).then((id) => finishedJob(client, id));
    const before = (await client.query(jobsMe, {}))!.storageUsed;
    const a = await uploadMask(client, 64, 64);
    const b = await uploadMask(client, 128, 64);
    expect((await client.query(jobsMe, {}))!.storageUsed).toBe(before + a.bytes + b.bytes);
    await client.mutation(inputsRemove, { inputId: a.inputId });
    expect((await client.query(jobsMe, {}))!.storageUsed).toBe(before + b.bytes);
    await client.mutation(inputsRemove, { inputId: b.inputId });
    expect((await client.query(jobsMe, {}))!.storageUsed).toBe(before);
    expect(await codeOf(client.mutation(inputsRemove, { inputId: b.inputId }))).toBe("NOT_FOUND");
    // Only the edge API's service token may register an object.
    const { userId } = await client.mutation(inputsPrepare, { bytes: 1 });
    expect(
      await codeOf(
        client.mutation(inputsRegister, {
          userId,
          kind: "image",
          s3Bucket: "b",
          s3Key: `inputs/${userId}/a.png`,
          size: 1,
          width: 1,
          height: 1,
          format: "png",
        }),
      ),
    ).toBe("FORBIDDEN");
  });
});
