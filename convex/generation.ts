/**
 * The generation pipeline after `jobs.create`: an action renders the images,
 * uploads them to S3 and completes the job in one mutation. Any failure ends
 * the job `failed` with a plain message, refunds the reservation and removes
 * what was uploaded. A job cancelled meanwhile produces no images.
 */
import { v } from "convex/values";
import { getPlan, multiplyCredits } from "@pixorly/core";
import type { Doc } from "./_generated/dataModel";
import { internalAction, internalMutation, type MutationCtx } from "./_generated/server";
import { findModel } from "./lib/catalog";
import { jobDoc } from "./lib/jobShapes";
import { dispatch } from "./lib/queue";
import { noteBalance } from "./lib/creditAlerts";
import { releaseGenerations, storageFullMessage } from "./lib/limits";
import { recordUsage } from "./lib/usage";
import { emitEvent } from "./lib/webhookEvents";
import { recordOutcome } from "./lib/generationStats";
import { recordModelTiming } from "./lib/modelTimings";
import { storedImageFields } from "./lib/validators";
import { CLOSED_CIRCUIT, canAttempt, recordFailure, recordSuccess, type CircuitState } from "./providers/resilience";
import { logRefusal } from "./lib/moderationLog";
import { runJob } from "./lib/runJob";

const uploaded = v.object(storedImageFields);

function circuitOptions() {
  return {
    threshold: Number(process.env.PIXORLY_CIRCUIT_THRESHOLD ?? 5),
    cooldownMs: Number(process.env.PIXORLY_CIRCUIT_COOLDOWN_MS ?? 60_000),
  };
}

/** Marks a pending job processing; returns what the action needs, or null if the job is no longer pending. */
export const start = internalMutation({
  args: { jobId: v.id("generationJobs") },
  returns: v.union(v.null(), v.object({ job: jobDoc, storageLeft: v.number(), storageFull: v.string() })),
  handler: async (ctx, { jobId }) => {
    const job = await ctx.db.get(jobId);
    if (!job || job.status !== "pending") return null;
    const user = (await ctx.db.get(job.userId))!;
    const startedAt = Date.now();
    await ctx.db.patch(jobId, { status: "processing", startedAt });
    await emitEvent(ctx, job.userId, "generation.started", { jobId, model: job.model, startedAt });
    return {
      job,
      storageLeft: getPlan(user.plan).storageBytes - user.storageUsed,
      storageFull: storageFullMessage(getPlan(user.plan)),
    };
  },
});

export const complete = internalMutation({
  args: { jobId: v.id("generationJobs"), images: v.array(uploaded), providerCost: v.optional(v.number()) },
  returns: v.boolean(),
  handler: async (ctx, { jobId, images, providerCost }) => {
    const job = await ctx.db.get(jobId);
    if (!job || job.status !== "processing") return false;
    const user = (await ctx.db.get(job.userId))!;
    const bytes = images.reduce((sum, i) => sum + i.size, 0);
    // Checked again here, in the transaction that counts the bytes: jobs that ran at the same time
    // each saw room at their start, and together must not pass the limit.
    const plan = getPlan(user.plan);
    if (bytes > 0 && user.storageUsed + bytes > plan.storageBytes) {
      await failJob(ctx, job, "QUOTA_EXCEEDED", `${storageFullMessage(plan)} Your credits were refunded.`);
      return false;
    }
    const ids = [];
    for (const image of images) {
      ids.push(
        // `lastAccessedAt` from the start, so the archival sweep's index range holds only images it may archive.
        await ctx.db.insert("images", {
          ...image,
          userId: job.userId,
          jobId,
          model: job.model,
          prompt: job.prompt,
          parameters: job.parameters,
          lastAccessedAt: Date.now(),
          ...(job.input
            ? {
                lineage: {
                  operation: job.input.operation,
                  ...(job.input.sourceImageId ? { sourceImageId: job.input.sourceImageId } : {}),
                  ...(job.input.inputId ? { inputId: job.input.inputId } : {}),
                  ...(job.input.maskInputId ? { maskInputId: job.input.maskInputId } : {}),
                },
              }
            : {}),
        }),
      );
    }
    // The reservation is the list price of every requested image; charge what was delivered,
    // or what the provider reported, never more than was reserved.
    const listPrice = Math.round((job.reservedCredits / job.parameters.numImages) * images.length);
    const actualCost = Math.min(job.reservedCredits, providerCost ?? listPrice);
    // Per image: the studio multiplies by the images a job asks for.
    await recordModelTiming(
      ctx,
      job.model,
      (Date.now() - (job.startedAt ?? job._creationTime)) / Math.max(1, images.length),
    );
    await recordOutcome(ctx, job.model, "completed", Date.now() - (job.startedAt ?? job._creationTime));
    await ctx.db.patch(jobId, { status: "completed", resultImageIds: ids, actualCost, completedAt: Date.now() });
    await ctx.db.patch(user._id, {
      credits: user.credits + (job.reservedCredits - actualCost),
      storageUsed: user.storageUsed + bytes,
    });
    const model = user.partnerId && images.length > 0 ? await findModel(ctx, job.model) : null;
    const listCredits = model ? multiplyCredits(model.costPerImageCredits, images.length) : undefined;
    await recordUsage(ctx, job.userId, {
      kind: "generation",
      jobId,
      model: job.model,
      credits: actualCost,
      images: images.length,
      ...(listCredits !== undefined ? { listCredits } : {}),
    });
    await recordUsage(ctx, job.userId, { kind: "storage", jobId, bytes });
    if (job.reservedCredits !== actualCost) await noteBalance(ctx, user._id);
    await emitEvent(ctx, job.userId, "generation.completed", {
      jobId,
      model: job.model,
      imageIds: ids,
      credits: actualCost,
    });
    await releaseGenerations(ctx, job, job.parameters.numImages - images.length);
    await dispatch(ctx, job.provider);
    return true;
  },
});

async function circuitOf(ctx: MutationCtx, key: string) {
  const row = await ctx.db
    .query("circuits")
    .withIndex("by_key", (q) => q.eq("key", key))
    .unique();
  return { row, state: row ? { state: row.state, failures: row.failures, openedAt: row.openedAt } : CLOSED_CIRCUIT };
}

async function saveCircuit(ctx: MutationCtx, key: string, row: Doc<"circuits"> | null, state: CircuitState) {
  if (row) await ctx.db.patch(row._id, state);
  else await ctx.db.insert("circuits", { key, ...state });
}

/** Asks the model's breaker for a call; an open breaker says no until its cooldown has passed. */
export const circuitBegin = internalMutation({
  args: { key: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { key }) => {
    const { row, state } = await circuitOf(ctx, key);
    const decision = canAttempt(state, Date.now(), circuitOptions().cooldownMs);
    if (decision.state !== state) await saveCircuit(ctx, key, row, decision.state);
    return decision.allowed;
  },
});

/** Records a call's outcome: only an unhealthy provider (retryable failures) counts against it. */
export const circuitEnd = internalMutation({
  args: { key: v.string(), healthy: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { key, healthy }) => {
    const { row, state } = await circuitOf(ctx, key);
    const now = Date.now();
    await saveCircuit(ctx, key, row, healthy ? recordSuccess(state, now) : recordFailure(state, now, circuitOptions()));
  },
});

/** Ends an active job as failed and refunds its whole reservation. */
async function failJob(ctx: MutationCtx, job: Doc<"generationJobs">, code: string, message: string) {
  if (job.status !== "processing" && job.status !== "pending") return;
  const user = (await ctx.db.get(job.userId))!;
  await ctx.db.patch(job._id, { status: "failed", error: { code, message }, completedAt: Date.now() });
  await recordOutcome(ctx, job.model, "failed", null);
  await ctx.db.patch(user._id, { credits: user.credits + job.reservedCredits });
  if (job.reservedCredits > 0) await noteBalance(ctx, user._id);
  await emitEvent(ctx, job.userId, "generation.failed", { jobId: job._id, model: job.model, error: { code, message } });
  await releaseGenerations(ctx, job, job.parameters.numImages);
  await dispatch(ctx, job.provider);
}

/** Ends a job as failed; with `refusalRule` (the provider refused the prompt) it is also logged for moderation. */
export const fail = internalMutation({
  args: { jobId: v.id("generationJobs"), code: v.string(), message: v.string(), refusalRule: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { jobId, code, message, refusalRule }) => {
    const job = await ctx.db.get(jobId);
    if (!job) return;
    if (refusalRule !== undefined && (job.status === "processing" || job.status === "pending")) {
      const user = await ctx.db.get(job.userId);
      await logRefusal(ctx, {
        userId: job.userId,
        ...(user?.partnerId ? { partnerId: user.partnerId } : {}),
        prompt: job.prompt,
        ...(job.negativePrompt ? { negativePrompt: job.negativePrompt } : {}),
        rule: refusalRule,
        source: "provider",
        jobId,
      });
    }
    await failJob(ctx, job, code, message);
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
  returns: v.null(),
  handler: async (ctx) => {
    const now = Date.now();
    for (const job of await ctx.db
      .query("generationJobs")
      .withIndex("by_status_priority", (q) => q.eq("status", "processing"))
      .take(200)) {
      const run = job.scheduledId ? await ctx.db.system.get(job.scheduledId) : null;
      const interrupted = run?.state.kind === "failed" || run?.state.kind === "canceled";
      if (interrupted || now - (job.startedAt ?? job._creationTime) > STUCK_AFTER_MS) {
        await failJob(
          ctx,
          job,
          "TIMEOUT",
          "The generation was interrupted. Your credits were refunded; please try again.",
        );
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

/** Runs a text-to-image job (jobs with an input image run in `generationNode.run`, on Node). */
export const run = internalAction({
  args: { jobId: v.id("generationJobs") },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    await runJob(ctx, jobId, {});
    return null;
  },
});
