import { v } from "convex/values";
import { zodToConvexFields } from "convex-helpers/server/zod4";
import { estimateCost, generationRequestSchema, getPlan, validateGenerationRequest } from "@pixorly/core";
import { internal } from "./_generated/api";
import { findModel } from "./model/catalog";
import { requireScope, userMutation, userQuery } from "./model/auth";
import { fail } from "./model/errors";
import { moderatePrompt } from "./model/moderation";

export const MAX_ACTIVE_JOBS = 10;
const HOUR_MS = 3_600_000;

/** Creates a generation job: validates, moderates, rate-limits, reserves credits, schedules the work. */
export const create = userMutation({
  args: zodToConvexFields(generationRequestSchema.shape),
  returns: v.id("generationJobs"),
  handler: async (ctx, args) => {
    requireScope(ctx.identity, "generate");
    const model = findModel(args.model);
    if (!model) return fail("INVALID_ARGUMENT", `Unknown model "${args.model}".`, [{ field: "model", message: "Unknown model" }]);
    const checked = validateGenerationRequest(args, model);
    if (!checked.ok) return fail("INVALID_ARGUMENT", checked.issues.map((i) => i.message).join(" "), checked.issues);
    const request = checked.request;
    const user = ctx.user;

    if (request.idempotencyKey) {
      const existing = await ctx.db
        .query("generationJobs")
        .withIndex("by_user_idempotency", (q) => q.eq("userId", user._id).eq("idempotencyKey", request.idempotencyKey))
        .unique();
      if (existing) return existing._id;
    }
    const moderation = moderatePrompt(`${request.prompt}\n${request.negativePrompt ?? ""}`);
    if (!moderation.allowed) return fail("MODERATION_REJECTED", moderation.reason, [{ field: "prompt", message: moderation.reason }]);

    const plan = getPlan(user.plan);
    const lastHour = await ctx.db
      .query("generationJobs")
      .withIndex("by_user", (q) => q.eq("userId", user._id).gt("_creationTime", Date.now() - HOUR_MS))
      .take(plan.generationsPerHour + 1);
    if (lastHour.length >= plan.generationsPerHour) {
      return fail("RATE_LIMITED", `Your plan allows ${plan.generationsPerHour} generations per hour. Try again later.`);
    }
    let active = 0;
    for (const status of ["pending", "processing"] as const) {
      active += (
        await ctx.db
          .query("generationJobs")
          .withIndex("by_user_status", (q) => q.eq("userId", user._id).eq("status", status))
          .take(MAX_ACTIVE_JOBS)
      ).length;
    }
    if (active >= MAX_ACTIVE_JOBS) return fail("TOO_MANY_ACTIVE_JOBS", `At most ${MAX_ACTIVE_JOBS} jobs can run at once.`);

    const numImages = request.parameters.numImages ?? 1;
    const cost = estimateCost(model, numImages);
    if (user.credits < cost) {
      return fail("INSUFFICIENT_CREDITS", `This generation costs ${cost} credits; you have ${user.credits}.`);
    }
    await ctx.db.patch(user._id, { credits: user.credits - cost });
    const jobId = await ctx.db.insert("generationJobs", {
      userId: user._id,
      prompt: request.prompt,
      ...(request.negativePrompt ? { negativePrompt: request.negativePrompt } : {}),
      model: model.id,
      parameters: {
        width: request.parameters.width,
        height: request.parameters.height,
        ...(request.parameters.steps !== undefined ? { steps: request.parameters.steps } : {}),
        ...(request.parameters.guidance !== undefined ? { guidance: request.parameters.guidance } : {}),
        seed: request.parameters.seed ?? Math.floor(Math.random() * 2 ** 31),
        numImages,
      },
      status: "pending",
      priority: plan.priorityQueue ? 1 : 0,
      ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
      reservedCredits: cost,
      resultImageIds: [],
    });
    await ctx.scheduler.runAfter(0, internal.generation.run, { jobId });
    return jobId;
  },
});

/** A job of the caller's, or null (someone else's job is indistinguishable from none). */
export const get = userQuery({
  args: { jobId: v.string() },
  handler: async (ctx, { jobId }) => {
    const id = ctx.db.normalizeId("generationJobs", jobId);
    if (!id || !ctx.user) return null;
    const job = await ctx.db.get(id);
    return job && job.userId === ctx.user._id ? job : null;
  },
});

/** Cancels a pending or processing job of the caller's and refunds its reservation. */
export const cancel = userMutation({
  args: { jobId: v.string() },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    const id = ctx.db.normalizeId("generationJobs", jobId);
    const job = id ? await ctx.db.get(id) : null;
    if (!job || job.userId !== ctx.user._id) return fail("NOT_FOUND", "Job not found.");
    if (job.status !== "pending" && job.status !== "processing") {
      return fail("CONFLICT", `The job is already ${job.status}.`);
    }
    await ctx.db.patch(job._id, { status: "cancelled", completedAt: Date.now() });
    await ctx.db.patch(ctx.user._id, { credits: ctx.user.credits + job.reservedCredits });
    return null;
  },
});

/** The caller's balance and plan, for the UI. */
export const me = userQuery({
  args: {},
  handler: async (ctx) => (ctx.user ? { plan: ctx.user.plan, credits: ctx.user.credits, storageUsed: ctx.user.storageUsed } : null),
});
