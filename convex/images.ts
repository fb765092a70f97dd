import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation } from "./_generated/server";
import { requireScope, serviceQuery, userMutation, userQuery } from "./model/auth";
import { fail } from "./model/errors";
import { deleteImages, s3Settings } from "./model/s3";

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

/** Most ids one `delivery` call may ask for (one page of a gallery). */
const MAX_DELIVERY_IDS = 100;

/** What the edge API needs to sign URLs, for the ids the caller owns; malformed or foreign ids are simply absent. */
export const delivery = userQuery({
  args: { ids: v.array(v.string()) },
  returns: v.array(
    v.object({ id: v.id("images"), s3Key: v.string(), format: v.string(), width: v.number(), height: v.number(), isPublic: v.boolean() }),
  ),
  handler: async (ctx, { ids }) => {
    if (!ctx.identity) return fail("UNAUTHENTICATED");
    requireScope(ctx.identity, "images:read");
    if (ids.length > MAX_DELIVERY_IDS) {
      fail("INVALID_ARGUMENT", `Ask for at most ${MAX_DELIVERY_IDS} images at once.`, [
        { field: "ids", message: `At most ${MAX_DELIVERY_IDS} ids` },
      ]);
    }
    const user = ctx.user;
    if (!user) return [];
    const found = [];
    for (const raw of new Set(ids)) {
      const id = ctx.db.normalizeId("images", raw);
      const image = id ? await ctx.db.get(id) : null;
      if (image && image.userId === user._id) {
        const { _id, s3Key, format, width, height, isPublic } = image;
        found.push({ id: _id, s3Key, format, width, height, isPublic: isPublic ?? false });
      }
    }
    return found;
  },
});

/**
 * For the edge API's CDN (service only): whether the object at `s3Key` is a public image, so its
 * unsigned URL may be served. Unknown keys are not public: the CDN cannot tell them from private ones.
 */
export const isPublicObject = serviceQuery({
  args: { s3Key: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { s3Key }) => {
    // One image per object key (the pipeline names keys by user, job and index); `unique` fails,
    // and the CDN then serves nothing, if that ever stopped holding.
    const image = await ctx.db
      .query("images")
      .withIndex("by_s3_key", (q) => q.eq("s3Key", s3Key))
      .unique();
    return image?.isPublic === true;
  },
});

/** Makes an image public (a stable unsigned URL) or private again. */
export const setPublic = internalMutation({
  args: { id: v.id("images"), isPublic: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { id, isPublic }) => {
    const image = await ctx.db.get(id);
    if (!image) return fail("NOT_FOUND", "Image not found.");
    await ctx.db.patch(id, { isPublic });
    return null;
  },
});

/** Deletes one of the caller's images: the document now, its S3 object in the background. */
export const remove = userMutation({
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    requireScope(ctx.identity, "images:write");
    const imageId = ctx.db.normalizeId("images", id);
    const image = imageId ? await ctx.db.get(imageId) : null;
    if (!image || image.userId !== ctx.user._id) return fail("NOT_FOUND", "Image not found.");
    await ctx.db.delete(image._id);
    const job = await ctx.db.get(image.jobId);
    if (job) await ctx.db.patch(job._id, { resultImageIds: job.resultImageIds.filter((i) => i !== image._id) });
    await ctx.db.patch(ctx.user._id, { storageUsed: Math.max(0, ctx.user.storageUsed - image.size) });
    await ctx.scheduler.runAfter(0, internal.images.deleteObject, { s3Bucket: image.s3Bucket, s3Key: image.s3Key });
    return null;
  },
});

/** Removes a deleted image's object from S3 (the bucket it was stored in). */
export const deleteObject = internalAction({
  args: { s3Bucket: v.string(), s3Key: v.string() },
  returns: v.null(),
  handler: async (_ctx, { s3Bucket, s3Key }) => {
    await deleteImages({ ...s3Settings(), bucket: s3Bucket }, [s3Key]);
    return null;
  },
});
