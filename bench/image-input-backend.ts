/**
 * The backend the image-input benches (`inpaint`, `upscale`) measure: convex-local + s3rver + a token
 * issuer, one enterprise user with credits to spare, a service client to store inputs the way the
 * edge API does, and `timeJob` — create → completed, seen live through the official ConvexClient.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ConvexClient } from "convex/browser";
import type { FunctionArgs } from "convex/server";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel.js";
import { jobIdOf } from "../convex/jobResult.testing";
import { startConvexLocal } from "../packages/convex-local/src/index.ts";
import { startIssuer } from "../packages/convex-local/test/harness.ts";
// @ts-expect-error a plain ESM script without types
import { startS3Local } from "../scripts/s3-local.mjs";

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Prints `rows` as a Markdown table under `title`. */
export function printTable(title: string, header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`${title}\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
}

export async function startImageInputBackend() {
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-bench-")));
  const issuer = await startIssuer();
  const s3 = await startS3Local({ port: 0, directory: dirs[0] });
  process.env.S3_ENDPOINT = s3.endpoint;
  process.env.PIXORLY_EDGE_ISSUER = issuer.url;
  process.env.PIXORLY_EDGE_AUDIENCE = "convex-local-test";
  const server = await startConvexLocal({
    dir: path.resolve("convex"),
    dataDir: dirs[1]!,
    port: 0,
    sitePort: 0,
    log: () => {},
  });
  const signedIn = async (claims: Parameters<typeof issuer.mint>[0]) => {
    const client = new ConvexClient(server.url, { unsavedChangesWarning: false, logger: false });
    const token = await issuer.mint(claims);
    client.setAuth(async () => token);
    return client;
  };
  const client = await signedIn({ sub: "bench-image-inputs" });
  const service = await signedIn({ sub: "service:edge-api", scp: ["service"] });
  const { userId } = await client.mutation(api.users.ensure, {});
  await server.engine.runMutation("users:updateAccount", { userId, plan: "enterprise", credits: 1_000_000 }, null, {
    publicOnly: false,
  });
  const objects = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });

  /** Runs one job to completion: milliseconds from `jobs.create` to the completed state seen live, and its image. */
  async function timeJob(
    request: FunctionArgs<typeof api.jobs.create>,
  ): Promise<{ ms: number; imageId: Id<"images"> }> {
    const started = performance.now();
    const jobId = await client.mutation(api.jobs.create, request).then(jobIdOf);
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("job did not complete within 60 s")), 60_000);
      const stop = client.onUpdate(api.jobs.get, { jobId }, (job) => {
        if (job?.status === "completed" || job?.status === "failed") {
          clearTimeout(timer);
          stop();
          if (job.status === "failed") reject(new Error(job.error?.message));
          else resolve({ ms: performance.now() - started, imageId: job.resultImageIds[0]! });
        }
      });
    });
  }

  /** A mask `size`² (right half white = repaint) stored as the edge API stores one: announced, written, registered. */
  async function storeMask(size: number): Promise<Id<"imageInputs">> {
    const png = await sharp({ create: { width: size, height: size, channels: 3, background: "#000000" } })
      .composite([
        {
          input: { create: { width: size / 2, height: size, channels: 3, background: "#ffffff" } },
          left: size / 2,
          top: 0,
        },
      ])
      .toColourspace("b-w")
      .png()
      .toBuffer();
    const { folder } = await client.mutation(api.inputs.prepareUpload, { bytes: png.byteLength });
    const s3Key = `${folder}bench-mask-${size}.png`;
    await service.mutation(api.inputs.expectUpload, { userId, s3Bucket: s3.bucket, s3Key });
    await objects.send(new PutObjectCommand({ Bucket: s3.bucket, Key: s3Key, Body: png, ContentType: "image/png" }));
    return await service.mutation(api.inputs.register, {
      userId,
      kind: "mask",
      s3Bucket: s3.bucket,
      s3Key,
      size: png.byteLength,
      width: size,
      height: size,
      format: "png",
    });
  }

  /** The stored bytes of one of the user's images. */
  async function imageBytes(imageId: Id<"images">): Promise<Uint8Array> {
    const image = await client.query(api.images.get, { imageId });
    const object = await objects.send(new GetObjectCommand({ Bucket: s3.bucket, Key: image!.s3Key }));
    return await object.Body!.transformToByteArray();
  }

  async function close() {
    await client.close();
    await service.close();
    await server.close();
    await s3.close();
    await issuer.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }

  return { timeJob, storeMask, imageBytes, close };
}
