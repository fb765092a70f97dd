/**
 * Collections: named, ordered sets of a user's images (an image may be in several). A public
 * collection has an unguessable share id; anyone with it sees the collection's public images only.
 */
import { LIBRARY_LIMITS } from "@pixorly/core";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, type QueryCtx } from "./_generated/server";
import type { Doc } from "./_generated/dataModel";
import { publicQuery, userMutation, userQuery } from "./lib/auth";
import { addImages as appendImages, coverOf, moveRow, removeRows, rowOf, summarize } from "./lib/collectionMembers";
import { fail } from "./lib/errors";
import { checkDisplayName, checkIdCount } from "./lib/libraryInputs";
import { collectionSummary, countResult, coverImage, imagePage, publicImagePage } from "./lib/libraryShapes";
import { ownCollection, ownImage, ownImages } from "./lib/ownership";
import { checkPaginationOpts, paginateChecked } from "./lib/pagination";
import { newSecret } from "./lib/secrets";

const notFound = () => fail("NOT_FOUND", "Collection not found.");

/** The caller's collections, most recently changed first. */
export const list = userQuery({
  scope: "images:read",
  args: {},
  returns: v.array(collectionSummary),
  handler: async (ctx) => {
    const user = ctx.user;
    if (!user) return [];
    const collections = await ctx.db
      .query("collections")
      .withIndex("by_user", (q) => q.eq("userId", user._id))
      .order("desc")
      .take(LIBRARY_LIMITS.collectionsPerUser);
    return await Promise.all(collections.map((c) => summarize(ctx, c)));
  },
});

/** One of the caller's collections, or null. */
export const get = userQuery({
  scope: "images:read",
  args: { id: v.string() },
  returns: v.union(v.null(), collectionSummary),
  handler: async (ctx, { id }) => {
    const collection = await ownCollection(ctx, ctx.user, id);
    return collection ? await summarize(ctx, collection) : null;
  },
});

export const create = userMutation({
  scope: "collections:write",
  args: { name: v.string() },
  returns: v.id("collections"),
  handler: async (ctx, { name }) => {
    const trimmed = checkDisplayName(name, LIBRARY_LIMITS.collectionName);
    const max = LIBRARY_LIMITS.collectionsPerUser;
    const existing = await ctx.db
      .query("collections")
      .withIndex("by_user", (q) => q.eq("userId", ctx.user._id))
      .take(max);
    if (existing.length >= max)
      fail("QUOTA_EXCEEDED", `You have ${max} collections, the most allowed. Delete one to create another.`);
    return await ctx.db.insert("collections", {
      userId: ctx.user._id,
      name: trimmed,
      isPublic: false,
      imageCount: 0,
      updatedAt: Date.now(),
    });
  },
});

export const rename = userMutation({
  scope: "collections:write",
  args: { id: v.string(), name: v.string() },
  returns: v.null(),
  handler: async (ctx, { id, name }) => {
    const trimmed = checkDisplayName(name, LIBRARY_LIMITS.collectionName);
    const collection = (await ownCollection(ctx, ctx.user, id)) ?? notFound();
    await ctx.db.patch(collection._id, { name: trimmed, updatedAt: Date.now() });
    return null;
  },
});

/** Rows one transaction deletes when a collection goes; the rest are cleared by `purgeRows`. */
const PURGE_BATCH = 200;

/** Deletes a collection (never its images): gone at once, its rows cleared in the background. */
export const remove = userMutation({
  scope: "collections:write",
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    const collection = (await ownCollection(ctx, ctx.user, id)) ?? notFound();
    await ctx.db.delete(collection._id);
    await ctx.scheduler.runAfter(0, internal.collections.purgeRows, { collectionId: collection._id });
    return null;
  },
});

/** Deletes a deleted collection's rows, a batch per transaction, until none are left. */
export const purgeRows = internalMutation({
  args: { collectionId: v.id("collections") },
  returns: v.null(),
  handler: async (ctx, { collectionId }) => {
    const rows = await ctx.db
      .query("collectionImages")
      .withIndex("by_collection_order", (q) => q.eq("collectionId", collectionId))
      .take(PURGE_BATCH);
    for (const row of rows) await ctx.db.delete(row._id);
    if (rows.length === PURGE_BATCH) await ctx.scheduler.runAfter(0, internal.collections.purgeRows, { collectionId });
    return null;
  },
});

/** Appends up to 100 of the caller's images, in the order given; images already in it are skipped. */
export const addImages = userMutation({
  scope: "collections:write",
  args: { id: v.string(), imageIds: v.array(v.string()) },
  returns: countResult("added"),
  handler: async (ctx, { id, imageIds }) => {
    checkIdCount("imageIds", imageIds);
    const collection = (await ownCollection(ctx, ctx.user, id)) ?? notFound();
    return { added: await appendImages(ctx, collection, await ownImages(ctx, ctx.user, imageIds)) };
  },
});

/** Takes up to 100 images out of a collection (the images stay in the library). */
export const removeImages = userMutation({
  scope: "collections:write",
  args: { id: v.string(), imageIds: v.array(v.string()) },
  returns: countResult("removed"),
  handler: async (ctx, { id, imageIds }) => {
    checkIdCount("imageIds", imageIds);
    const collection = (await ownCollection(ctx, ctx.user, id)) ?? notFound();
    const rows: Doc<"collectionImages">[] = [];
    for (const image of await ownImages(ctx, ctx.user, imageIds)) {
      const row = await rowOf(ctx, collection._id, image._id);
      if (row) rows.push(row);
    }
    await removeRows(ctx, rows);
    return { removed: rows.length };
  },
});

/** The collection's row for one of the caller's images, or NOT_FOUND naming what is missing. */
async function ownRow(ctx: QueryCtx, collection: Doc<"collections">, user: Doc<"users">, imageId: string) {
  const image = await ownImage(ctx, user, imageId);
  const row = image ? await rowOf(ctx, collection._id, image._id) : null;
  return row ?? fail("NOT_FOUND", "That image is not in this collection.");
}

/** Moves an image to just before another (null: to the end). Writes only the moved image's row. */
export const move = userMutation({
  scope: "collections:write",
  args: { id: v.string(), imageId: v.string(), beforeImageId: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { id, imageId, beforeImageId }) => {
    const collection = (await ownCollection(ctx, ctx.user, id)) ?? notFound();
    const row = await ownRow(ctx, collection, ctx.user, imageId);
    const before = beforeImageId === null ? null : await ownRow(ctx, collection, ctx.user, beforeImageId);
    await moveRow(ctx, row, before);
    return null;
  },
});

/** Chooses the cover (an image in the collection), or null to use the first image. */
export const setCover = userMutation({
  scope: "collections:write",
  args: { id: v.string(), imageId: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { id, imageId }) => {
    const collection = (await ownCollection(ctx, ctx.user, id)) ?? notFound();
    const row = imageId === null ? null : await ownRow(ctx, collection, ctx.user, imageId);
    await ctx.db.patch(collection._id, { coverImageId: row?.imageId, updatedAt: Date.now() });
    return null;
  },
});

/**
 * Makes a collection public with a new share id (256 random bits) or private again, which ends
 * the old link for good: a link once shared cannot be revived by toggling.
 */
export const setVisibility = userMutation({
  scope: "collections:write",
  args: { id: v.string(), isPublic: v.boolean() },
  returns: v.object({ shareId: v.union(v.string(), v.null()) }),
  handler: async (ctx, { id, isPublic }) => {
    const collection = (await ownCollection(ctx, ctx.user, id)) ?? notFound();
    if (collection.isPublic === isPublic) return { shareId: collection.shareId ?? null };
    const shareId = isPublic ? (await newSecret("")).secret : undefined;
    await ctx.db.patch(collection._id, { isPublic, shareId, updatedAt: Date.now() });
    return { shareId: shareId ?? null };
  },
});

/** A collection's images in its order (NOT_FOUND for a collection that is not the caller's). */
export const images = userQuery({
  scope: "images:read",
  args: { id: v.string(), paginationOpts: paginationOptsValidator },
  returns: imagePage,
  handler: async (ctx, { id, paginationOpts }) => {
    checkPaginationOpts(paginationOpts);
    const collection = (await ownCollection(ctx, ctx.user, id)) ?? notFound();
    const rows = ctx.db
      .query("collectionImages")
      .withIndex("by_collection_order", (q) => q.eq("collectionId", collection._id));
    const page = await paginateChecked(rows, paginationOpts);
    const found = await Promise.all(page.page.map((row) => ctx.db.get(row.imageId)));
    return { ...page, page: found.filter((image) => image !== null) };
  },
});

/** Which of the caller's collections hold an image (none for an image that is not theirs). */
export const forImage = userQuery({
  scope: "images:read",
  args: { imageId: v.string() },
  returns: v.array(v.id("collections")),
  handler: async (ctx, { imageId }) => {
    const image = await ownImage(ctx, ctx.user, imageId);
    if (!image) return [];
    const rows = await ctx.db
      .query("collectionImages")
      .withIndex("by_image", (q) => q.eq("imageId", image._id))
      .collect();
    // A deleted collection's rows linger until `purgeRows` has run; it is not listed meanwhile.
    const live = await Promise.all(
      rows.map(async (row) => ((await ctx.db.get(row.collectionId)) ? row.collectionId : null)),
    );
    return live.filter((id) => id !== null);
  },
});

async function sharedCollection(ctx: QueryCtx, shareId: string) {
  // An empty id would match every private collection's unset share id.
  if (shareId === "") return null;
  const collection = await ctx.db
    .query("collections")
    .withIndex("by_share", (q) => q.eq("shareId", shareId))
    .unique();
  return collection?.isPublic ? collection : null;
}

/** A public collection by share id, for anyone (no sign-in), or null for unknown or private ones. */
export const publicView = publicQuery({
  args: { shareId: v.string() },
  returns: v.union(v.null(), v.object({ name: v.string(), cover: coverImage })),
  handler: async (ctx, { shareId }) => {
    const collection = await sharedCollection(ctx, shareId);
    return collection ? { name: collection.name, cover: await coverOf(ctx, collection, true) } : null;
  },
});

/** A public collection's public images in order, for anyone; an empty page for unknown or private ones. */
export const publicImages = publicQuery({
  args: { shareId: v.string(), paginationOpts: paginationOptsValidator },
  returns: publicImagePage,
  handler: async (ctx, { shareId, paginationOpts }) => {
    checkPaginationOpts(paginationOpts);
    const collection = await sharedCollection(ctx, shareId);
    if (!collection) return { page: [], isDone: true, continueCursor: "" };
    const rows = ctx.db
      .query("collectionImages")
      .withIndex("by_collection_public_order", (q) => q.eq("collectionId", collection._id).eq("isPublic", true));
    const page = await paginateChecked(rows, paginationOpts);
    const found = await Promise.all(page.page.map((row) => ctx.db.get(row.imageId)));
    return {
      ...page,
      // Checked again on the image itself: the row's copy of `isPublic` is what the index reads,
      // the image is what must never leak.
      page: found.flatMap((image) => {
        if (!image?.isPublic) return [];
        const { _id, width, height, placeholder, s3Key, format, prompt, model } = image;
        return [
          { _id, width, height, s3Key, format, prompt, model, ...(placeholder !== undefined ? { placeholder } : {}) },
        ];
      }),
    };
  },
});
