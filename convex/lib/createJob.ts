/**
 * The rules of creating a job, shared by `jobs.create` and `jobs.retry`. Every refusal throws,
 * except moderation's: it is logged (`lib/moderationLog.ts`) and returned as a `JobRefusal`, so the
 * log row commits; the caller decides whether to hand it back or throw it.
 */
import {
  estimateCost,
  GENERATION_LIMITS,
  validateGenerationRequest,
  type GenerationRequest,
  type JobRefusal,
  type ModelInfo,
} from "@pixorly/core";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { findModel } from "./catalog";
import { fail } from "./errors";
import { noteBalance } from "./creditAlerts";
import { billingPlan, chargeGenerations, hourlyWindow } from "./limits";
import { moderatePrompt } from "./moderation";
import { logRefusal } from "./moderationLog";
import { dispatch, providerOf } from "./queue";
import { withImageIdFromUrl } from "./imageUrlInput";
import { resolveJobInput, sameInput } from "./jobInput";

/** Active (pending or processing) jobs a user may have; `PIXORLY_MAX_ACTIVE_JOBS` overrides core's default. */
export function maxActiveJobs(): number {
  const configured = Number(process.env.PIXORLY_MAX_ACTIVE_JOBS);
  return Number.isInteger(configured) && configured > 0 ? configured : GENERATION_LIMITS.activeJobsPerUser;
}

/** The user's pending and processing jobs, counted up to `limit` (all a caller needs to compare with it). */
export async function activeJobCount(ctx: QueryCtx, userId: Id<"users">, limit: number): Promise<number> {
  let active = 0;
  for (const status of ["pending", "processing"] as const) {
    active += (
      await ctx.db
        .query("generationJobs")
        .withIndex("by_user_status", (q) => q.eq("userId", userId).eq("status", status))
        .take(limit)
    ).length;
  }
  return active;
}

/** Whether a stored job is what `request` asks for (a seed the request left out may be anything). */
function sameRequest(job: Doc<"generationJobs">, request: GenerationRequest): boolean {
  const p = request.parameters;
  return (
    job.prompt === request.prompt &&
    (job.negativePrompt ?? "") === (request.negativePrompt ?? "") &&
    job.model === request.model &&
    job.parameters.width === p.width &&
    job.parameters.height === p.height &&
    job.parameters.steps === p.steps &&
    job.parameters.guidance === p.guidance &&
    (p.seed === undefined || job.parameters.seed === p.seed) &&
    job.parameters.numImages === (p.numImages ?? 1) &&
    sameInput(job.input, request.input)
  );
}

/**
 * `partner` is the partner the caller's session acts under (null for first-party users): its users
 * pay nothing themselves; the partner's plan and quota bound them (`lib/limits.ts`).
 */
export async function createJob(
  ctx: MutationCtx,
  user: Doc<"users">,
  partner: Doc<"partners"> | null,
  args: { model: string } & Record<string, unknown>,
): Promise<Id<"generationJobs"> | JobRefusal> {
  const model = await findModel(ctx, args.model);
  if (!model)
    return fail("INVALID_ARGUMENT", `Unknown model "${args.model}".`, [{ field: "model", message: "Unknown model" }]);
  const checked = validateGenerationRequest(args, model);
  if (!checked.ok) return fail("INVALID_ARGUMENT", checked.issues.map((i) => i.message).join(" "), checked.issues);
  // A Pixorly image URL becomes the image id it names first, so the rest (idempotency, lineage) sees an id.
  const request = checked.request.input
    ? { ...checked.request, input: await withImageIdFromUrl(ctx, user, checked.request.input) }
    : checked.request;

  if (request.idempotencyKey) {
    const existing = await ctx.db
      .query("generationJobs")
      .withIndex("by_user_idempotency", (q) => q.eq("userId", user._id).eq("idempotencyKey", request.idempotencyKey))
      .unique();
    if (existing) {
      // A retry of the same create gets the same job; anything else under the key is a client bug
      // that must not silently return a job for other parameters.
      if (!sameRequest(existing, request)) {
        return fail(
          "IDEMPOTENCY_CONFLICT",
          `The idempotency key "${request.idempotencyKey}" was already used for a different request.`,
          [{ field: "idempotencyKey", message: "Already used for a different request" }],
        );
      }
      return existing._id;
    }
  }
  const input = request.input ? await resolveJobInput(ctx, user, request.input) : undefined;
  const moderation = moderatePrompt(`${request.prompt}\n${request.negativePrompt ?? ""}`);
  if (!moderation.allowed) {
    await logRefusal(ctx, {
      userId: user._id,
      ...(partner ? { partnerId: partner._id } : {}),
      prompt: request.prompt,
      ...(request.negativePrompt ? { negativePrompt: request.negativePrompt } : {}),
      rule: moderation.rule,
      source: "prompt",
    });
    return {
      refused: {
        code: "MODERATION_REJECTED",
        message: moderation.reason,
        fields: [{ field: "prompt", message: moderation.reason }],
      },
    };
  }

  const plan = billingPlan(user, partner);
  const hour = await hourlyWindow(ctx, user._id, plan.generationsPerHour, Date.now());
  if (hour.used >= plan.generationsPerHour) {
    const at =
      hour.resetsAt === null
        ? ""
        : ` The next one is possible at ${new Date(hour.resetsAt).toISOString().slice(11, 16)} UTC.`;
    return fail(
      "RATE_LIMITED",
      `Your ${plan.name} plan allows ${plan.generationsPerHour} generations per hour and this hour's are used up.${at}`,
    );
  }
  const limit = maxActiveJobs();
  if ((await activeJobCount(ctx, user._id, limit)) >= limit)
    return fail(
      "TOO_MANY_ACTIVE_JOBS",
      `At most ${limit} jobs can run at once; start another when one of them finishes.`,
    );

  const numImages = request.parameters.numImages ?? 1;
  // A partner's user pays nothing from a balance of their own (they have none): the partner pays.
  const cost = partner ? 0 : estimateCost(model, numImages);
  if (user.credits < cost) {
    return fail("INSUFFICIENT_CREDITS", `This generation costs ${cost} credits; you have ${user.credits}.`);
  }
  await chargeGenerations(ctx, user, partner, numImages, Date.now());
  if (cost > 0) {
    await ctx.db.patch(user._id, { credits: user.credits - cost });
    await noteBalance(ctx, user._id);
  }
  // An upscale makes its source `scale` times larger and inpainting keeps the source's size (within
  // the model's), whatever size the request named.
  const size =
    input?.operation === "upscale" && input.scale
      ? { width: input.source.width * input.scale, height: input.source.height * input.scale }
      : input?.operation === "inpaint"
        ? fitWithin(input.source, model)
        : { width: request.parameters.width, height: request.parameters.height };
  const jobId = await ctx.db.insert("generationJobs", {
    userId: user._id,
    prompt: request.prompt,
    ...(request.negativePrompt ? { negativePrompt: request.negativePrompt } : {}),
    model: model.id,
    provider: providerOf(model.id),
    parameters: {
      ...size,
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
    ...(input ? { input } : {}),
  });
  await dispatch(ctx, providerOf(model.id));
  return jobId;
}

/** `size` scaled down (never up) to fit the model's limits, each side a multiple of 8 and at least its minimum. */
function fitWithin(size: { width: number; height: number }, model: ModelInfo): { width: number; height: number } {
  const scale = Math.min(1, model.maxWidth / size.width, model.maxHeight / size.height);
  const side = (value: number, min: number) => Math.max(min, Math.floor((value * scale) / 8) * 8);
  return { width: side(size.width, model.minWidth), height: side(size.height, model.minHeight) };
}
