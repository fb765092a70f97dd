/** Job lookups shared by the job and image functions. */
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

/** A job of this user's by an untrusted id string, or null (someone else's job looks like none). */
export async function ownJob(
  ctx: QueryCtx,
  user: Doc<"users"> | null,
  jobId: string,
): Promise<Doc<"generationJobs"> | null> {
  const id = ctx.db.normalizeId("generationJobs", jobId);
  if (!id || !user) return null;
  const job = await ctx.db.get(id);
  return job && job.userId === user._id ? job : null;
}

/**
 * A pending job's place in the queue (1 = next): jobs of a higher priority go
 * first (Enterprise), then older jobs of the same priority.
 */
export async function queuePosition(ctx: QueryCtx, job: Doc<"generationJobs">): Promise<number> {
  const higher = await ctx.db
    .query("generationJobs")
    .withIndex("by_status_priority", (q) => q.eq("status", "pending").gt("priority", job.priority))
    .collect();
  const older = await ctx.db
    .query("generationJobs")
    .withIndex("by_status_priority", (q) =>
      q.eq("status", "pending").eq("priority", job.priority).lt("_creationTime", job._creationTime),
    )
    .collect();
  return higher.length + older.length + 1;
}
