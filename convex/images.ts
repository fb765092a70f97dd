import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { userQuery } from "./model/auth";

/** The caller's images, newest first, optionally by model and creation-time range (ms). */
export const list = userQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    model: v.optional(v.string()),
    from: v.optional(v.number()),
    to: v.optional(v.number()),
  },
  handler: async (ctx, { paginationOpts, model, from, to }) => {
    const user = ctx.user;
    if (!user) return { page: [], isDone: true, continueCursor: "" };
    let query = ctx.db
      .query("images")
      .withIndex("by_user", (q) => {
        const byUser = q.eq("userId", user._id);
        if (from !== undefined && to !== undefined) return byUser.gte("_creationTime", from).lte("_creationTime", to);
        if (from !== undefined) return byUser.gte("_creationTime", from);
        if (to !== undefined) return byUser.lte("_creationTime", to);
        return byUser;
      })
      .order("desc");
    if (model !== undefined) query = query.filter((q) => q.eq(q.field("model"), model));
    return await query.paginate(paginationOpts);
  },
});

/** Full-text search over the caller's prompts (never anyone else's). */
export const search = userQuery({
  args: { text: v.string(), model: v.optional(v.string()) },
  handler: async (ctx, { text, model }) => {
    const user = ctx.user;
    if (!user || text.trim() === "") return [];
    return await ctx.db
      .query("images")
      .withSearchIndex("search_prompt", (q) => {
        const mine = q.search("prompt", text.slice(0, 200)).eq("userId", user._id);
        return model ? mine.eq("model", model) : mine;
      })
      .take(50);
  },
});

/** One of the caller's images, or null. */
export const get = userQuery({
  args: { imageId: v.string() },
  handler: async (ctx, { imageId }) => {
    const id = ctx.db.normalizeId("images", imageId);
    if (!id || !ctx.user) return null;
    const image = await ctx.db.get(id);
    return image && image.userId === ctx.user._id ? image : null;
  },
});
