/** The caller's recent prompts (recorded by `jobs.create`), newest first and without duplicates. */
import { LIBRARY_LIMITS } from "@pixorly/core";
import { v } from "convex/values";
import { userMutation, userQuery } from "./lib/auth";
import { fail } from "./lib/errors";

export const recent = userQuery({
  scope: "generate",
  args: {},
  returns: v.array(v.object({ _id: v.id("promptHistory"), prompt: v.string(), usedAt: v.number() })),
  handler: async (ctx) => {
    const user = ctx.user;
    if (!user) return [];
    const rows = await ctx.db
      .query("promptHistory")
      .withIndex("by_user_used", (q) => q.eq("userId", user._id))
      .order("desc")
      .take(LIBRARY_LIMITS.recentPrompts);
    return rows.map(({ _id, prompt, usedAt }) => ({ _id, prompt, usedAt }));
  },
});

/** Removes one prompt from the caller's history. */
export const forget = userMutation({
  scope: "generate",
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    const rowId = ctx.db.normalizeId("promptHistory", id);
    const row = rowId ? await ctx.db.get(rowId) : null;
    if (!row || row.userId !== ctx.user._id) return fail("NOT_FOUND", "Prompt not found.");
    await ctx.db.delete(row._id);
    return null;
  },
});
