/** The rules of creating a job, shared by `jobs.create` and `jobs.retry`. */
import { estimateCost, GENERATION_LIMITS, getPlan, validateGenerationRequest } from "@pixorly/core";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { findModel } from "./catalog";
import { fail } from "./errors";
import { moderatePrompt } from "./moderation";
import { dispatch, providerOf } from "./queue";

/** Active (pending or processing) jobs a user may have; `PIXORLY_MAX_ACTIVE_JOBS` overrides core's default. */
function maxActiveJobs(): number {
  const configured = Number(process.env.PIXORLY_MAX_ACTIVE_JOBS);
  return Number.isInteger(configured) && configured > 0 ? configured : GENERATION_LIMITS.activeJobsPerUser;
}
const HOUR_MS = 3_600_000;

export async function createJob(ctx: MutationCtx, user: Doc<"users">, args: { model: string } & Record<string, unknown>): Promise<Id<"generationJobs">> {
  const model = await findModel(ctx, args.model);
  if (!model) return fail("INVALID_ARGUMENT", `Unknown model "${args.model}".`, [{ field: "model", message: "Unknown model" }]);
  const checked = validateGenerationRequest(args, model);
  if (!checked.ok) return fail("INVALID_ARGUMENT", checked.issues.map((i) => i.message).join(" "), checked.issues);
  const request = checked.request;

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
  const limit = maxActiveJobs();
  let active = 0;
  for (const status of ["pending", "processing"] as const) {
    active += (
      await ctx.db
        .query("generationJobs")
        .withIndex("by_user_status", (q) => q.eq("userId", user._id).eq("status", status))
        .take(limit)
    ).length;
  }
  if (active >= limit) return fail("TOO_MANY_ACTIVE_JOBS", `At most ${limit} jobs can run at once.`);

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
    provider: providerOf(model.id),
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
  await dispatch(ctx, providerOf(model.id));
  return jobId;
}
