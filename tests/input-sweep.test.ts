/**
 * Issue 16: uploaded input objects that were announced (`inputs:expectUpload`) but never registered —
 * the edge API stopped between the write and the register, or a register was refused and the clean-up
 * failed — are deleted from S3 by the hourly sweep once their grace is over; registered and recent
 * uploads are kept, storage counts exactly the registered inputs, and a register after the sweep is
 * refused. On convex-local + s3rver; the sweep's internal mutation is driven with a time argument.
 */
import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UPLOAD_GRACE_MS } from "../convex/inputs";
import crons from "../convex/crons";
import { codeOf, startBackendStack, type BackendStack } from "./stack";

const inputsPrepare = makeFunctionReference<"mutation", { bytes: number }, { userId: string; folder: string }>(
  "inputs:prepareUpload",
);
const inputsExpect = makeFunctionReference<"mutation", Record<string, unknown>, null>("inputs:expectUpload");
const inputsRegister = makeFunctionReference<"mutation", Record<string, unknown>, string>("inputs:register");
const inputsList = makeFunctionReference<"query", Record<string, never>, { inputId: string }[]>("inputs:list");
const jobsMe = makeFunctionReference<"query", Record<string, never>, { storageUsed: number } | null>("jobs:me");
const sweepRef = makeFunctionReference<"mutation", { now?: number }, number>("inputs:sweepUploads");

let stack: BackendStack;
let owner: ConvexClient;
let service: ConvexClient;
let s3: S3Client;

beforeAll(async () => {
  stack = await startBackendStack("input-sweep");
  owner = await stack.clientFor("sweep-owner");
  service = await stack.clientFor("service:edge-api", { scp: ["service"] });
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

const BODY = new Uint8Array(1234).fill(7);

/** What the edge API does for one upload, up to (not including) the register. */
async function announceAndWrite(name: string): Promise<{ userId: string; s3Key: string }> {
  const { userId, folder } = await owner.mutation(inputsPrepare, { bytes: BODY.byteLength });
  const s3Key = `${folder}${name}.png`;
  await service.mutation(inputsExpect, { userId, s3Bucket: stack.s3.bucket, s3Key });
  await s3.send(new PutObjectCommand({ Bucket: stack.s3.bucket, Key: s3Key, Body: BODY, ContentType: "image/png" }));
  return { userId, s3Key };
}

const registration = (userId: string, s3Key: string, size = BODY.byteLength) => ({
  userId,
  kind: "image",
  s3Bucket: stack.s3.bucket,
  s3Key,
  size,
  width: 8,
  height: 8,
  format: "png",
});

async function exists(s3Key: string): Promise<boolean> {
  return await s3.send(new HeadObjectCommand({ Bucket: stack.s3.bucket, Key: s3Key })).then(
    () => true,
    () => false,
  );
}

/** Runs the sweep as the cron does (internal), at `now`. */
async function sweep(now: number): Promise<number> {
  return (await stack.server.engine.runMutation("inputs:sweepUploads", { now }, null, { publicOnly: false }))
    .value as number;
}

/** Waits (bounded) until the scheduled deletions have removed every key in `keys`. */
async function gone(keys: string[]): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (!(await Promise.all(keys.map(exists))).some(Boolean)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe("the sweep of unregistered input uploads", () => {
  it("runs hourly as an internal function and only the edge API announces uploads", async () => {
    const entry = Object.values(
      (crons as unknown as { crons: Record<string, { name: string; schedule: unknown }> }).crons,
    ).find((c) => c.name === "inputs:sweepUploads");
    expect(entry?.schedule).toEqual({ type: "interval", hours: 1 });
    await expect(owner.mutation(sweepRef, {})).rejects.toThrow();
    const { userId, folder } = await owner.mutation(inputsPrepare, { bytes: 10 });
    expect(
      await codeOf(owner.mutation(inputsExpect, { userId, s3Bucket: stack.s3.bucket, s3Key: `${folder}x.png` })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(service.mutation(inputsExpect, { userId, s3Bucket: stack.s3.bucket, s3Key: "inputs/other/x.png" })),
    ).toBe("INVALID_ARGUMENT");
  });

  it("deletes orphans after the grace period, keeps registered and recent uploads, and counts storage exactly", async () => {
    // Registered: counted, kept.
    const kept = await announceAndWrite("registered");
    await service.mutation(inputsRegister, registration(kept.userId, kept.s3Key));
    // The edge stopped after the write.
    const abandoned = await announceAndWrite("abandoned");
    // The register was refused (over the storage limit) and the edge's clean-up never happened.
    const refused = await announceAndWrite("refused");
    expect(await codeOf(service.mutation(inputsRegister, registration(refused.userId, refused.s3Key, 1e13)))).toBe(
      "QUOTA_EXCEEDED",
    );
    const cut = Date.now();
    while (Date.now() <= cut) await new Promise((r) => setTimeout(r, 1));
    // Announced after the cut: still within its grace at the sweep below.
    const recent = await announceAndWrite("recent");
    const storage = (await owner.query(jobsMe, {}))!.storageUsed;
    expect(storage).toBe(BODY.byteLength);

    expect(await sweep(Date.now())).toBe(0);
    expect(await sweep(cut + UPLOAD_GRACE_MS + 1)).toBe(2);
    expect(await gone([abandoned.s3Key, refused.s3Key])).toBe(true);
    expect(await exists(kept.s3Key)).toBe(true);
    expect(await exists(recent.s3Key)).toBe(true);
    expect((await owner.query(jobsMe, {}))!.storageUsed).toBe(storage);
    expect(await owner.query(inputsList, {})).toHaveLength(1);

    // A register arriving after its object was swept is refused (the edge then deletes its copy) …
    await expect(service.mutation(inputsRegister, registration(abandoned.userId, abandoned.s3Key))).rejects.toThrow(
      /took too long and was discarded/,
    );
    // … while the recent one registers, and only then is counted.
    await service.mutation(inputsRegister, registration(recent.userId, recent.s3Key));
    expect((await owner.query(jobsMe, {}))!.storageUsed).toBe(2 * BODY.byteLength);
    expect(await sweep(Date.now() + 10 * UPLOAD_GRACE_MS)).toBe(0);
    expect(await exists(recent.s3Key)).toBe(true);
  });
});
