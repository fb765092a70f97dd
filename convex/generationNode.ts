"use node";
/**
 * Runs jobs that have an input image (issue 16) in Convex's Node runtime: decoding the source,
 * resampling and encoding need sharp, which the default runtime lacks. The run itself is the one
 * `generation.run` does (`lib/runJob.ts`), with the local provider that takes input images;
 * `lib/queue.ts` schedules this action for such jobs.
 */
import { v } from "convex/values";
import { internalAction } from "./_generated/server";
import { runJob } from "./lib/runJob";
import { LocalInputProvider } from "./providers/local-input";

export const run = internalAction({
  args: { jobId: v.id("generationJobs") },
  returns: v.null(),
  handler: async (ctx, { jobId }) => {
    await runJob(ctx, jobId, { localProvider: new LocalInputProvider() });
    return null;
  },
});
