/**
 * For operators (`npx convex run moderation:recent`, `npm run pixorly -- moderation list`): the newest
 * refused generations from the moderation log (`lib/moderationLog.ts`). Internal: only an admin or
 * deploy key reaches it. Rows carry the prompt's hash, never its text.
 */
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { fail } from "./lib/errors";

/** Rows one call returns at most. */
export const MODERATION_PAGE_MAX = 1000;

export const recent = internalQuery({
  args: { limit: v.optional(v.number()), userId: v.optional(v.string()) },
  returns: v.array(
    v.object({
      id: v.id("moderationLog"),
      time: v.number(),
      userId: v.id("users"),
      partnerId: v.union(v.id("partners"), v.null()),
      source: v.union(v.literal("prompt"), v.literal("provider")),
      rule: v.string(),
      promptHash: v.string(),
      jobId: v.union(v.id("generationJobs"), v.null()),
    }),
  ),
  handler: async (ctx, { limit, userId }) => {
    const n = limit ?? 50;
    if (!Number.isInteger(n) || n < 1 || n > MODERATION_PAGE_MAX) {
      return fail("INVALID_ARGUMENT", `limit must be a whole number from 1 to ${MODERATION_PAGE_MAX}.`, [
        { field: "limit", message: `A whole number from 1 to ${MODERATION_PAGE_MAX}` },
      ]);
    }
    let rows;
    if (userId === undefined) {
      rows = await ctx.db.query("moderationLog").withIndex("by_time").order("desc").take(n);
    } else {
      const id = ctx.db.normalizeId("users", userId);
      if (!id)
        return fail("INVALID_ARGUMENT", `"${userId}" is not a user id.`, [
          { field: "userId", message: "Not a user id" },
        ]);
      rows = await ctx.db
        .query("moderationLog")
        .withIndex("by_user_time", (q) => q.eq("userId", id))
        .order("desc")
        .take(n);
    }
    return rows.map((r) => ({
      id: r._id,
      time: r.time,
      userId: r.userId,
      partnerId: r.partnerId ?? null,
      source: r.source,
      rule: r.rule,
      promptHash: r.promptHash,
      jobId: r.jobId ?? null,
    }));
  },
});
