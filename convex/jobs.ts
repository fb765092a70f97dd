import { v } from "convex/values";
import { zodToConvex, zodToConvexFields } from "convex-helpers/server/zod4";
import { paginationOptsValidator } from "convex/server";
import {
  comparisonRequestSchema,
  GENERATION_LIMITS,
  generationRequestSchema,
  isJobRefusal,
  jobRefusalSchema,
} from "@pixorly/core";
import { SESSION, userMutation, userQuery } from "./lib/auth";
import { createComparison } from "./lib/createComparison";
import { createJob } from "./lib/createJob";
import { fail } from "./lib/errors";
import { ownJob, queuePosition } from "./lib/jobs";
import { requestInputOf } from "./lib/jobInput";
import { accountSummary, jobPage, jobWithQueue } from "./lib/jobShapes";
import { noteBalance } from "./lib/creditAlerts";
import { releaseGenerations } from "./lib/limits";
import { checkPaginationOpts, paginateChecked } from "./lib/pagination";
import { rememberPrompt } from "./lib/promptHistory";
import { dispatch } from "./lib/queue";
import { jobStatus } from "./schema";

/**
 * Creates a generation job: validates, moderates, rate-limits, reserves credits, schedules the work.
 * Returns the job id, or — when moderation refuses the prompt — a `JobRefusal` (`{ refused: { code:
 * "MODERATION_REJECTED", message, fields } }`) instead of throwing, so the moderation log row it wrote
 * commits. Clients turn it back into the thrown error (`refusalError` in the elements, the REST route).
 */
export const create = userMutation({
  scope: "generate",
  args: zodToConvexFields(generationRequestSchema.shape),
  returns: v.union(v.id("generationJobs"), zodToConvex(jobRefusalSchema)),
  handler: async (ctx, args) => {
    const jobId = await createJob(ctx, ctx.user, ctx.partner, args);
    if (isJobRefusal(jobId)) return jobId;
    // The stored prompt, normalised by the validation in createJob.
    const job = await ctx.db.get(jobId);
    if (job) await rememberPrompt(ctx, ctx.user._id, job.prompt);
    return jobId;
  },
});

/**
 * One job per model for the same request (2–4 models, core's `comparisonRequestSchema`), all or none:
 * a model that cannot take the request's input is refused by name (`models.<i>`) before any job exists.
 * Returns each model's job id in the order given, or the moderation refusal as `create` does.
 */
export const compare = userMutation({
  scope: "generate",
  args: zodToConvexFields(comparisonRequestSchema.shape),
  returns: v.union(
    v.array(v.object({ model: v.string(), jobId: v.id("generationJobs") })),
    zodToConvex(jobRefusalSchema),
  ),
  handler: async (ctx, args) => {
    const jobs = await createComparison(ctx, ctx.user, ctx.partner, args);
    if (isJobRefusal(jobs)) return jobs;
    const first = await ctx.db.get(jobs[0]!.jobId);
    if (first) await rememberPrompt(ctx, ctx.user._id, first.prompt);
    return jobs;
  },
});

/** A new job with the same prompt, model and parameters as one of the caller's jobs. */
export const retry = userMutation({
  scope: "generate",
  args: { jobId: v.string() },
  returns: v.id("generationJobs"),
  handler: async (ctx, { jobId }) => {
    const job = await ownJob(ctx, ctx.user, jobId);
    if (!job) return fail("NOT_FOUND", "Job not found.");
    const { seed, numImages, ...rest } = job.parameters;
    // An upscale's stored size is its result's; the request's size is not used for it, but must be valid.
    if (job.input?.operation === "upscale") {
      const { min, max } = GENERATION_LIMITS.dimension;
      rest.width = Math.min(max, Math.max(min, rest.width));
      rest.height = Math.min(max, Math.max(min, rest.height));
    }
    const created = await createJob(ctx, ctx.user, ctx.partner, {
      prompt: job.prompt,
      ...(job.negativePrompt ? { negativePrompt: job.negativePrompt } : {}),
      model: job.model,
      parameters: { ...rest, seed, numImages },
      ...(job.input ? { input: requestInputOf(job.input) } : {}),
    });
    // A prompt accepted once and refused now (the rules changed): thrown as before, so no log row
    // is kept for a retry; its first refusal, through `create`, was logged.
    if (isJobRefusal(created)) return fail(created.refused.code, created.refused.message, created.refused.fields);
    return created;
  },
});

/**
 * A job of the caller's, or null (someone else's job is indistinguishable from none). Reading jobs
 * is part of `generate`: a session that may start generations follows their progress; the images
 * themselves (S3 keys, the gallery) need `images:read`.
 */
export const get = userQuery({
  scope: "generate",
  args: { jobId: v.string() },
  returns: v.union(v.null(), jobWithQueue),
  handler: async (ctx, { jobId }) => {
    const job = await ownJob(ctx, ctx.user, jobId);
    if (!job) return null;
    return { ...job, queuePosition: job.status === "pending" ? await queuePosition(ctx, job) : null };
  },
});

/** Cancels a pending or processing job of the caller's and refunds its reservation. */
export const cancel = userMutation({
  scope: "generate",
  args: { jobId: v.string() },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    const job = await ownJob(ctx, ctx.user, jobId);
    if (!job) return fail("NOT_FOUND", "Job not found.");
    if (job.status !== "pending" && job.status !== "processing") {
      return fail("CONFLICT", `The job is already ${job.status}.`);
    }
    await ctx.db.patch(job._id, { status: "cancelled", completedAt: Date.now() });
    await ctx.db.patch(ctx.user._id, { credits: ctx.user.credits + job.reservedCredits });
    if (job.reservedCredits > 0) await noteBalance(ctx, ctx.user._id);
    await releaseGenerations(ctx, job, job.parameters.numImages);
    await dispatch(ctx, job.provider);
    return null;
  },
});

/** The caller's balance and plan, for the UI. */
export const me = userQuery({
  scope: SESSION,
  args: {},
  returns: v.union(v.null(), accountSummary),
  handler: async (ctx) =>
    ctx.user ? { plan: ctx.user.plan, credits: ctx.user.credits, storageUsed: ctx.user.storageUsed } : null,
});

/** The caller's pending and processing jobs, each pending one with its place in the queue (1 = next). */
export const listActive = userQuery({
  scope: "generate",
  args: {},
  returns: v.array(jobWithQueue),
  handler: async (ctx) => {
    const user = ctx.user;
    if (!user) return [];
    const jobs = [];
    for (const status of ["processing", "pending"] as const) {
      for (const job of await ctx.db
        .query("generationJobs")
        .withIndex("by_user_status", (q) => q.eq("userId", user._id).eq("status", status))
        .take(50)) {
        jobs.push({ ...job, queuePosition: status === "pending" ? await queuePosition(ctx, job) : null });
      }
    }
    return jobs;
  },
});

/** The caller's jobs, newest first, a page at a time; with `status`, only the jobs in that state. */
export const list = userQuery({
  scope: "generate",
  args: { paginationOpts: paginationOptsValidator, status: v.optional(jobStatus) },
  returns: jobPage,
  handler: async (ctx, { paginationOpts, status }) => {
    checkPaginationOpts(paginationOpts);
    const user = ctx.user;
    if (!user) return { page: [], isDone: true, continueCursor: "" };
    const jobs =
      status === undefined
        ? ctx.db.query("generationJobs").withIndex("by_user", (q) => q.eq("userId", user._id))
        : ctx.db
            .query("generationJobs")
            .withIndex("by_user_status", (q) => q.eq("userId", user._id).eq("status", status));
    return await paginateChecked(jobs.order("desc"), paginationOpts);
  },
});
