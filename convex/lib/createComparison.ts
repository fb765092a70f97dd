/**
 * A comparison (`jobs:compare`): one job per model, created in one transaction, so it is all or
 * nothing — a refusal for any model leaves no job and no charge. Every model is looked at before
 * anything is created: one that cannot take the request's input (or needs one it lacks) is refused
 * by name on `models.<i>`, together with every other such model. After that each job goes through
 * `createJob` like a single generation; a refusal it throws is passed on with the model's name.
 */
import { ConvexError } from "convex/values";
import {
  comparisonIssues,
  comparisonJobRequest,
  inputCapabilityIssues,
  isJobRefusal,
  type ErrorCode,
  type FieldIssue,
  type ComparisonRequest,
  type JobRefusal,
} from "@pixorly/core";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { findModel } from "./catalog";
import { createJob } from "./createJob";
import { fail } from "./errors";

export async function createComparison(
  ctx: MutationCtx,
  user: Doc<"users">,
  partner: Doc<"partners"> | null,
  args: ComparisonRequest,
): Promise<{ model: string; jobId: Id<"generationJobs"> }[] | JobRefusal> {
  const shape = comparisonIssues(args);
  if (shape.length > 0) return fail("INVALID_ARGUMENT", shape.map((i) => i.message).join(" "), shape);

  const issues: FieldIssue[] = [];
  const names: string[] = [];
  for (const [i, id] of args.models.entries()) {
    const model = await findModel(ctx, id);
    const field = `models.${i}`;
    if (!model) {
      issues.push({ field, message: `Unknown model "${id}"` });
      continue;
    }
    names.push(model.name);
    const refusals = args.input
      ? inputCapabilityIssues(args.input, model)
      : model.supports.imageInput?.required
        ? [{ field: "input", message: `${model.name} works on an input image; give one in input` }]
        : [];
    for (const refusal of refusals) issues.push({ field, message: refusal.message });
  }
  if (issues.length > 0) {
    const message = `Not every model can take this request: ${issues.map((i) => i.message).join("; ")}. Remove ${issues.length === 1 ? "it" : "them"} from the comparison.`;
    return fail("INVALID_ARGUMENT", message, issues);
  }

  const jobs: { model: string; jobId: Id<"generationJobs"> }[] = [];
  for (const [i, model] of args.models.entries()) {
    let created: Id<"generationJobs"> | JobRefusal;
    // Read again for every job: the one before changed the balance and counters `createJob` checks.
    const payer = (await ctx.db.get(user._id))!;
    const payingPartner = partner && (await ctx.db.get(partner._id));
    try {
      created = await createJob(ctx, payer, payingPartner, comparisonJobRequest(args, i));
    } catch (error) {
      if (!(error instanceof ConvexError)) throw error;
      const data = error.data as { code: ErrorCode; message: string; fields?: FieldIssue[] };
      return fail(data.code, `${names[i]}: ${data.message}`, data.fields);
    }
    // Moderation judges the prompt, the same for every model: the first job is refused before any exists.
    if (isJobRefusal(created)) return created;
    jobs.push({ model, jobId: created });
  }
  return jobs;
}
