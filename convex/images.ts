/**
 * A user's image library (list, search, favorites, tags, visibility, deletion) and what the edge
 * API needs to deliver images. Collections live in `collections.ts`.
 */
import { LIBRARY_LIMITS, MAX_IDS_PER_CALL } from "@pixorly/core";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internalAction, internalMutation, type MutationCtx } from "./_generated/server";
import { recordAccess } from "./archival";
import { serviceQuery, userMutation, userQuery } from "./lib/auth";
import { fail } from "./lib/errors";
import { purgeImages, purgeImagesInBatches } from "./lib/imageDeletion";
import { imageFilterArgs, listImages, searchImages } from "./lib/imageListing";
import { InputIssues } from "./lib/inputs";
import { checkIdCount, checkTagCount, checkTags } from "./lib/libraryInputs";
import { replaceTags, updateImageFlags } from "./lib/libraryRows";
import { countResult, imagePage, imageWithJob } from "./lib/libraryShapes";
import { lineageEntry, lineageOf } from "./lib/lineage";
import { ownImage, ownImages } from "./lib/ownership";
import { deleteImages, s3Settings } from "./lib/s3";

/**
 * The caller's images, newest (or oldest) first, filtered by model, creation time (ms, inclusive),
 * tag, favorites and collection (see `lib/imageListing.ts` for how each filter reads an index).
 */
export const list = userQuery({
  scope: "images:read",
  args: {
    paginationOpts: paginationOptsValidator,
    ...imageFilterArgs,
    sort: v.optional(v.union(v.literal("newest"), v.literal("oldest"))),
  },
  returns: imagePage,
  handler: async (ctx, { paginationOpts, sort, ...filters }) =>
    await listImages(ctx, ctx.user, filters, sort ?? "newest", paginationOpts),
});

/** Full-text search over the caller's prompts (never anyone else's), by relevance, with the list's filters. */
export const search = userQuery({
  scope: "images:read",
  args: { text: v.string(), paginationOpts: paginationOptsValidator, ...imageFilterArgs },
  returns: imagePage,
  handler: async (ctx, { text, paginationOpts, ...filters }) =>
    await searchImages(ctx, ctx.user, text, filters, paginationOpts),
});

/** One of the caller's images with what its job adds (negative prompt, cost, timing), or null. */
export const get = userQuery({
  scope: "images:read",
  args: { imageId: v.string() },
  returns: v.union(v.null(), imageWithJob),
  handler: async (ctx, { imageId }) => {
    const image = await ownImage(ctx, ctx.user, imageId);
    if (!image) return null;
    const job = await ctx.db.get(image.jobId);
    if (!job) return { ...image, job: null };
    const { negativePrompt, actualCost, startedAt, completedAt } = job;
    return {
      ...image,
      job: { negativePrompt, actualCost, startedAt, completedAt, numImages: job.parameters.numImages },
    };
  },
});

/**
 * The chain an image of the caller's was made from (issue 16): the image first, then its source,
 * and so on (at most `MAX_LINEAGE`); deleted sources appear with `exists: false`. [] for an id that
 * is not the caller's image.
 */
export const lineage = userQuery({
  scope: "images:read",
  args: { imageId: v.string() },
  returns: v.array(lineageEntry),
  handler: async (ctx, { imageId }) => {
    const image = await ownImage(ctx, ctx.user, imageId);
    return image && ctx.user ? await lineageOf(ctx, ctx.user, image) : [];
  },
});

/** Most ids one `delivery` call may ask for (one page of a gallery). */
const MAX_DELIVERY_IDS = MAX_IDS_PER_CALL;

/**
 * What the edge API needs to sign URLs, for the ids the caller owns; malformed or foreign ids are
 * simply absent. A mutation because asking for an image's URLs is opening it: the access time is
 * recorded (at most hourly) and an archived image is un-archived (`archival.ts`).
 */
export const delivery = userMutation({
  scope: "images:read",
  args: { ids: v.array(v.string()) },
  returns: v.array(
    v.object({
      id: v.id("images"),
      s3Key: v.string(),
      format: v.string(),
      width: v.number(),
      height: v.number(),
      isPublic: v.boolean(),
    }),
  ),
  handler: async (ctx, { ids }) => {
    if (ids.length > MAX_DELIVERY_IDS) {
      fail("INVALID_ARGUMENT", `Ask for at most ${MAX_DELIVERY_IDS} images at once.`, [
        { field: "ids", message: `At most ${MAX_DELIVERY_IDS} ids` },
      ]);
    }
    const user = ctx.user;
    const owned = [];
    for (const raw of new Set(ids)) {
      const id = ctx.db.normalizeId("images", raw);
      const image = id ? await ctx.db.get(id) : null;
      if (image && image.userId === user._id) owned.push(image);
    }
    await recordAccess(ctx, owned);
    return owned.map(({ _id, s3Key, format, width, height, isPublic }) => ({
      id: _id,
      s3Key,
      format,
      width,
      height,
      isPublic: isPublic ?? false,
    }));
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

/** For operators: makes an image public (a stable unsigned URL) or private again. Users call `setVisibility`. */
export const setPublic = internalMutation({
  args: { id: v.id("images"), isPublic: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { id, isPublic }) => {
    const image = await ctx.db.get(id);
    if (!image) return fail("NOT_FOUND", "Image not found.");
    await updateImageFlags(ctx, image, { isPublic });
    return null;
  },
});

/** Deletes one of the caller's images: the document and its rows now, its S3 object in the background. */
export const remove = userMutation({
  scope: "images:write",
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    const image = await ownImage(ctx, ctx.user, id);
    if (!image) return fail("NOT_FOUND", "Image not found.");
    await purgeImages(ctx, ctx.user._id, [image]);
    return null;
  },
});

/**
 * Deletes up to 1,000 of the caller's images: the first batch before it returns, the rest in
 * scheduled batches (one transaction each). Ids that are not the caller's images are skipped.
 */
export const removeMany = userMutation({
  scope: "images:write",
  args: { ids: v.array(v.string()) },
  returns: v.object({ removed: v.number(), scheduled: v.number() }),
  handler: async (ctx, { ids }) => {
    checkIdCount("ids", ids, LIBRARY_LIMITS.removeManyIds);
    const valid = [...new Set(ids)].flatMap((id) => ctx.db.normalizeId("images", id) ?? []);
    return await purgeImagesInBatches(ctx, ctx.user._id, valid);
  },
});

/** One scheduled batch of `removeMany` (ownership is checked again: ids came from the caller). */
export const removeBatch = internalMutation({
  args: { userId: v.id("users"), ids: v.array(v.id("images")) },
  returns: v.null(),
  handler: async (ctx, { userId, ids }) => {
    await purgeImagesInBatches(ctx, userId, ids);
    return null;
  },
});

/** Removes deleted images' objects from S3 (the bucket they were stored in). */
export const deleteObjects = internalAction({
  args: { s3Bucket: v.string(), s3Keys: v.array(v.string()) },
  returns: v.null(),
  handler: async (_ctx, { s3Bucket, s3Keys }) => {
    await deleteImages({ ...s3Settings(), bucket: s3Bucket }, s3Keys);
    return null;
  },
});

/** Sets a flag on up to 100 of the caller's images (others' ids are skipped); how many changed. */
async function setFlagsOfOwn(
  ctx: MutationCtx & { user: Parameters<typeof ownImages>[1] },
  ids: string[],
  flags: Parameters<typeof updateImageFlags>[2],
): Promise<number> {
  checkIdCount("ids", ids);
  const images = await ownImages(ctx, ctx.user, ids);
  for (const image of images) await updateImageFlags(ctx, image, flags);
  return images.length;
}

/** Stars or unstars up to 100 of the caller's images; ids that are not theirs are skipped. */
export const setFavorite = userMutation({
  scope: "images:write",
  args: { ids: v.array(v.string()), favorite: v.boolean() },
  returns: countResult("updated"),
  handler: async (ctx, { ids, favorite }) => ({ updated: await setFlagsOfOwn(ctx, ids, { favorite }) }),
});

/** Makes up to 100 of the caller's images public (stable unsigned URLs) or private; others' ids are skipped. */
export const setVisibility = userMutation({
  scope: "images:write",
  args: { ids: v.array(v.string()), isPublic: v.boolean() },
  returns: countResult("updated"),
  handler: async (ctx, { ids, isPublic }) => ({ updated: await setFlagsOfOwn(ctx, ids, { isPublic }) }),
});

/** Replaces one image's tags; returns them as stored (normalised, distinct, at most 20). */
export const setTags = userMutation({
  scope: "images:write",
  args: { id: v.string(), tags: v.array(v.string()) },
  returns: v.array(v.string()),
  handler: async (ctx, { id, tags }) => {
    const issues = new InputIssues();
    const normalized = checkTags(issues, "tags", tags);
    checkTagCount(issues, "tags", normalized);
    issues.throwIfAny();
    const image = await ownImage(ctx, ctx.user, id);
    if (!image) return fail("NOT_FOUND", "Image not found.");
    await replaceTags(ctx, image, normalized);
    return normalized;
  },
});

/** Adds tags to up to 100 images; if any image would pass 20 tags, nothing changes. */
export const addTags = userMutation({
  scope: "images:write",
  args: { ids: v.array(v.string()), tags: v.array(v.string()) },
  returns: countResult("updated"),
  handler: async (ctx, { ids, tags }) => {
    checkIdCount("ids", ids);
    const issues = new InputIssues();
    const added = checkTags(issues, "tags", tags);
    issues.throwIfAny();
    const images = await ownImages(ctx, ctx.user, ids);
    const next = images.map((image) => [...new Set([...(image.tags ?? []), ...added])]);
    next.forEach((t) => checkTagCount(issues, "tags", t));
    issues.throwIfAny();
    for (const [i, image] of images.entries()) await replaceTags(ctx, image, next[i]!);
    return { updated: images.length };
  },
});

/** Removes tags from up to 100 images. */
export const removeTags = userMutation({
  scope: "images:write",
  args: { ids: v.array(v.string()), tags: v.array(v.string()) },
  returns: countResult("updated"),
  handler: async (ctx, { ids, tags }) => {
    checkIdCount("ids", ids);
    const issues = new InputIssues();
    const removed = new Set(checkTags(issues, "tags", tags));
    issues.throwIfAny();
    const images = await ownImages(ctx, ctx.user, ids);
    for (const image of images)
      await replaceTags(
        ctx,
        image,
        (image.tags ?? []).filter((tag) => !removed.has(tag)),
      );
    return { updated: images.length };
  },
});

/** Most distinct tags `tags` returns. */
const MAX_TAGS_LISTED = 200;

/**
 * The caller's distinct tags, sorted. Walks the tag index one tag at a time (each step starts
 * past the previous tag), so the cost is one read per distinct tag, not one per tagged image.
 */
export const tags = userQuery({
  scope: "images:read",
  args: {},
  returns: v.array(v.string()),
  handler: async (ctx) => {
    const user = ctx.user;
    if (!user) return [];
    const found: string[] = [];
    let last: string | null = null;
    while (found.length < MAX_TAGS_LISTED) {
      const after: string | null = last;
      const row = await ctx.db
        .query("imageTags")
        .withIndex("by_user_tag", (q) =>
          after === null ? q.eq("userId", user._id) : q.eq("userId", user._id).gt("tag", after),
        )
        .first();
      if (!row) break;
      found.push((last = row.tag));
    }
    return found;
  },
});
