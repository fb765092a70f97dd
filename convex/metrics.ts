import { v } from "convex/values";
import { internalQuery } from "./_generated/server";

/** For operators (served through the edge API's service identity): queue depth and recent waiting time. */
export const queue = internalQuery({
  args: {},
  returns: v.object({ pending: v.number(), processing: v.number(), averageWaitMs: v.union(v.number(), v.null()) }),
  handler: async (ctx) => {
    const count = async (status: "pending" | "processing") =>
      (await ctx.db.query("generationJobs").withIndex("by_status_priority", (q) => q.eq("status", status)).collect()).length;
    const recent = await ctx.db
      .query("generationJobs")
      .withIndex("by_status_priority", (q) => q.eq("status", "completed"))
      .order("desc")
      .take(100);
    const waits = recent.filter((j) => j.startedAt !== undefined).map((j) => j.startedAt! - j._creationTime);
    return {
      pending: await count("pending"),
      processing: await count("processing"),
      averageWaitMs: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    };
  },
});
