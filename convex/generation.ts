/**
 * The generation pipeline after `jobs.create`: an action renders the images,
 * uploads them to S3 and completes the job in one mutation. Any failure ends
 * the job `failed` with a plain message, refunds the reservation and removes
 * what was uploaded. A job cancelled meanwhile produces no images.
 */
import { v } from "convex/values";
import { getPlan } from "@pixorly/core";
import { renderLocalImage } from "@pixorly/local-models";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalAction, internalMutation, type MutationCtx } from "./_generated/server";
import { findModel } from "./model/catalog";
import { dispatch } from "./model/queue";
import { deleteImages, imageKey, putImage, s3Settings } from "./model/s3";

const uploaded = v.object({
  s3Bucket: v.string(),
  s3Key: v.string(),
  size: v.number(),
  width: v.number(),
  height: v.number(),
  format: v.string(),
  placeholder: v.string(),
  seed: v.number(),
});

class JobFailure extends Error {}

/** Base64 without Node's Buffer, which the Convex runtime does not have. */
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Marks a pending job processing; returns what the action needs, or null if the job is no longer pending. */
export const start = internalMutation({
  args: { jobId: v.id("generationJobs") },
  handler: async (ctx, { jobId }) => {
    const job = await ctx.db.get(jobId);
    if (!job || job.status !== "pending") return null;
    const user = (await ctx.db.get(job.userId))!;
    await ctx.db.patch(jobId, { status: "processing", startedAt: Date.now() });
    return { job, storageLeft: getPlan(user.plan).storageBytes - user.storageUsed };
  },
});

export const complete = internalMutation({
  args: { jobId: v.id("generationJobs"), images: v.array(uploaded) },
  returns: v.boolean(),
  handler: async (ctx, { jobId, images }) => {
    const job = await ctx.db.get(jobId);
    if (!job || job.status !== "processing") return false;
    const user = (await ctx.db.get(job.userId))!;
    const ids = [];
    for (const image of images) {
      ids.push(
        await ctx.db.insert("images", { ...image, userId: job.userId, jobId, model: job.model, prompt: job.prompt, parameters: job.parameters }),
      );
    }
    const model = findModel(job.model);
    const actualCost = Math.min(job.reservedCredits, (model?.costPerImageCredits ?? 0) * images.length);
    const bytes = images.reduce((sum, i) => sum + i.size, 0);
    await ctx.db.patch(jobId, { status: "completed", resultImageIds: ids, actualCost, completedAt: Date.now() });
    await ctx.db.patch(user._id, { credits: user.credits + (job.reservedCredits - actualCost), storageUsed: user.storageUsed + bytes });
    await ctx.db.insert("usage", { userId: job.userId, jobId, model: job.model, credits: actualCost, images: images.length });
    await dispatch(ctx, job.provider);
    return true;
  },
});

/** Ends an active job as failed and refunds its whole reservation. */
async function failJob(ctx: MutationCtx, job: Doc<"generationJobs">, code: string, message: string) {
  if (job.status !== "processing" && job.status !== "pending") return;
  const user = (await ctx.db.get(job.userId))!;
  await ctx.db.patch(job._id, { status: "failed", error: { code, message }, completedAt: Date.now() });
  await ctx.db.patch(user._id, { credits: user.credits + job.reservedCredits });
  await dispatch(ctx, job.provider);
}

export const fail = internalMutation({
  args: { jobId: v.id("generationJobs"), code: v.string(), message: v.string() },
  handler: async (ctx, { jobId, code, message }) => {
    const job = await ctx.db.get(jobId);
    if (job) await failJob(ctx, job, code, message);
  },
});

/** Past this a processing job is stuck: the provider call has a 5-minute timeout. */
export const STUCK_AFTER_MS = 5 * 60_000 + 30_000;

/**
 * Cron: ends stuck jobs (with refund) and restarts pending jobs whose run was
 * lost, e.g. when the server stopped between scheduling and running it.
 */
export const sweep = internalMutation({
  args: {},
  handler: async (ctx) => {
    const now = Date.now();
    for (const job of await ctx.db
      .query("generationJobs")
      .withIndex("by_status_priority", (q) => q.eq("status", "processing"))
      .take(200)) {
      const run = job.scheduledId ? await ctx.db.system.get(job.scheduledId) : null;
      const interrupted = run?.state.kind === "failed" || run?.state.kind === "canceled";
      if (interrupted || now - (job.startedAt ?? job._creationTime) > STUCK_AFTER_MS) {
        await failJob(ctx, job, "TIMEOUT", "The generation was interrupted. Your credits were refunded; please try again.");
      }
    }
    for (const job of await ctx.db
      .query("generationJobs")
      .withIndex("by_status_priority", (q) => q.eq("status", "pending"))
      .take(200)) {
      if (!job.scheduledId) continue;
      const run = await ctx.db.system.get(job.scheduledId);
      // A slot was given but its run is gone: take the slot back so dispatch gives it again.
      if (!run || (run.state.kind !== "pending" && run.state.kind !== "inProgress")) {
        await ctx.db.patch(job._id, { scheduledId: undefined });
      }
    }
    for (const provider of ["local", "openrouter"] as const) await dispatch(ctx, provider);
  },
});

export const run = internalAction({
  args: { jobId: v.id("generationJobs") },
  handler: async (ctx, { jobId }) => {
    const started = await ctx.runMutation(internal.generation.start, { jobId });
    if (!started) return;
    const { job, storageLeft } = started;
    const s3 = s3Settings();
    const keys: string[] = [];
    try {
      if (!job.model.startsWith("local/")) throw new JobFailure(`The model ${job.model} is not available offline.`);
      const images = [];
      let bytes = 0;
      for (let n = 0; n < job.parameters.numImages; n++) {
        const seed = (job.parameters.seed + n) >>> 0;
        const { width, height } = job.parameters;
        const image = renderLocalImage({ model: job.model, prompt: job.prompt, seed, width, height });
        bytes += image.png.byteLength;
        if (bytes > storageLeft) throw new JobFailure("Storage quota exceeded. Delete some images or upgrade your plan.");
        const preview = renderLocalImage({ model: job.model, prompt: job.prompt, seed, width: 64, height: 64 });
        const key = imageKey(job.userId, jobId, n, "png");
        await putImage(s3, key, image.png, image.mimeType).catch((e) => {
          throw new JobFailure(`Could not store the image (${(e as Error).name}). Please try again.`);
        });
        keys.push(key);
        images.push({
          s3Bucket: s3.bucket,
          s3Key: key,
          size: image.png.byteLength,
          width: image.width,
          height: image.height,
          format: "png",
          placeholder: `data:image/png;base64,${toBase64(preview.png)}`,
          seed,
        });
      }
      const completed = await ctx.runMutation(internal.generation.complete, { jobId, images });
      if (!completed) await deleteImages(s3, keys);
    } catch (e) {
      await deleteImages(s3, keys);
      const message = e instanceof JobFailure ? e.message : "The image could not be generated. Your credits were refunded.";
      if (!(e instanceof JobFailure)) console.error(`generation ${jobId} failed`, e);
      await ctx.runMutation(internal.generation.fail, { jobId, code: "PROVIDER_ERROR", message });
    }
  },
});
