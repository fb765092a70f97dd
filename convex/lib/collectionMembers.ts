/**
 * The images of a collection, in the owner's order. Order is a fractional key per row
 * (`orderKeys.ts`), so adding appends after the last key and a move rewrites one row.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { listingFields } from "./libraryRows";
import { keyBetween, keysAfter } from "./orderKeys";

type Row = Doc<"collectionImages">;

export async function rowOf(
  ctx: QueryCtx,
  collectionId: Id<"collections">,
  imageId: Id<"images">,
): Promise<Row | null> {
  return await ctx.db
    .query("collectionImages")
    .withIndex("by_image", (q) => q.eq("imageId", imageId).eq("collectionId", collectionId))
    .unique();
}

async function lastRow(ctx: QueryCtx, collectionId: Id<"collections">): Promise<Row | null> {
  return await ctx.db
    .query("collectionImages")
    .withIndex("by_collection_order", (q) => q.eq("collectionId", collectionId))
    .order("desc")
    .first();
}

/** Appends the images that are not in the collection yet, in the order given; returns how many were added. */
export async function addImages(
  ctx: MutationCtx,
  collection: Doc<"collections">,
  images: Doc<"images">[],
): Promise<number> {
  const fresh: Doc<"images">[] = [];
  for (const image of images) if (!(await rowOf(ctx, collection._id, image._id))) fresh.push(image);
  const keys = keysAfter((await lastRow(ctx, collection._id))?.orderKey ?? null, fresh.length);
  for (const [i, image] of fresh.entries()) {
    await ctx.db.insert("collectionImages", {
      collectionId: collection._id,
      imageId: image._id,
      userId: collection.userId,
      orderKey: keys[i]!,
      ...listingFields(image),
    });
  }
  if (fresh.length > 0)
    await ctx.db.patch(collection._id, { imageCount: collection.imageCount + fresh.length, updatedAt: Date.now() });
  return fresh.length;
}

/** Takes rows out of their collection (the images stay), fixing its count and a cover that left. */
export async function removeRows(ctx: MutationCtx, rows: Row[]) {
  const byCollection = new Map<Id<"collections">, Row[]>();
  for (const row of rows) byCollection.set(row.collectionId, [...(byCollection.get(row.collectionId) ?? []), row]);
  for (const [collectionId, gone] of byCollection) {
    for (const row of gone) await ctx.db.delete(row._id);
    // The collection may be gone already (its rows are then being cleared in the background).
    const collection = await ctx.db.get(collectionId);
    if (!collection) continue;
    const coverLeft = gone.some((row) => row.imageId === collection.coverImageId);
    await ctx.db.patch(collectionId, {
      imageCount: Math.max(0, collection.imageCount - gone.length),
      updatedAt: Date.now(),
      ...(coverLeft ? { coverImageId: undefined } : {}),
    });
  }
}

/**
 * Puts `row` just before `before` (or last, for null) by giving it a key between `before` and the
 * row now in front of it. One write; nothing when it is already there.
 */
export async function moveRow(ctx: MutationCtx, row: Row, before: Row | null) {
  if (before?._id === row._id) return;
  const previous = await ctx.db
    .query("collectionImages")
    .withIndex("by_collection_order", (q) => {
      const inCollection = q.eq("collectionId", row.collectionId);
      return before ? inCollection.lt("orderKey", before.orderKey) : inCollection;
    })
    .order("desc")
    .first();
  if (previous?._id === row._id) return;
  await ctx.db.patch(row._id, { orderKey: keyBetween(previous?.orderKey ?? null, before?.orderKey ?? null) });
}

async function firstImage(ctx: QueryCtx, collectionId: Id<"collections">, publicOnly: boolean) {
  const row = publicOnly
    ? await ctx.db
        .query("collectionImages")
        .withIndex("by_collection_public_order", (q) => q.eq("collectionId", collectionId).eq("isPublic", true))
        .first()
    : await ctx.db
        .query("collectionImages")
        .withIndex("by_collection_order", (q) => q.eq("collectionId", collectionId))
        .first();
  return row ? await ctx.db.get(row.imageId) : null;
}

/**
 * The image shown for a collection: the chosen cover, else the first image in order, else none.
 * For the public view only a public image may be the cover.
 */
export async function coverOf(ctx: QueryCtx, collection: Doc<"collections">, publicOnly = false) {
  const chosen = collection.coverImageId ? await ctx.db.get(collection.coverImageId) : null;
  const image = chosen && (!publicOnly || chosen.isPublic) ? chosen : await firstImage(ctx, collection._id, publicOnly);
  if (!image) return null;
  const { _id, width, height, placeholder, s3Key, format } = image;
  return { imageId: _id, width, height, s3Key, format, ...(placeholder !== undefined ? { placeholder } : {}) };
}

export async function summarize(ctx: QueryCtx, collection: Doc<"collections">) {
  const { _id, _creationTime, name, isPublic, shareId, imageCount, updatedAt } = collection;
  return {
    _id,
    _creationTime,
    name,
    isPublic,
    shareId: shareId ?? null,
    imageCount,
    updatedAt,
    cover: await coverOf(ctx, collection),
  };
}
