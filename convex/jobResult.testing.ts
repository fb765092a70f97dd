/**
 * For tests and benches: what every client does with a `jobs:create` result — the job id, or the
 * moderation refusal thrown as the `ConvexError` it stands for (see `JobRefusal` in packages/core).
 */
import { ConvexError } from "convex/values";
import { isJobRefusal, type JobRefusal } from "@pixorly/core";
import type { Id } from "./_generated/dataModel";

export function jobIdOf(result: Id<"generationJobs"> | JobRefusal): Id<"generationJobs"> {
  if (isJobRefusal(result)) throw new ConvexError(result.refused);
  return result;
}
