/**
 * An image's tag rows (`imageTags`) and collection rows (`collectionImages`) carry copies of the
 * image's listing fields, so filtered listings read one index range. Every change to favorite,
 * visibility or tags goes through here, which keeps the copies in step.
 */
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

export function listingFields(image: Doc<"images">) {
  return {
    imageCreatedAt: image._creationTime,
    model: image.model,
    favorite: image.favorite === true,
    isPublic: image.isPublic === true,
  };
}

export async function tagRowsOf(ctx: QueryCtx, image: Doc<"images">) {
  return await ctx.db
    .query("imageTags")
    .withIndex("by_image", (q) => q.eq("imageId", image._id))
    .collect();
}

/** The collections an image is in: one row per collection, so a handful per image. */
export async function collectionRowsOf(ctx: QueryCtx, image: Doc<"images">) {
  return await ctx.db
    .query("collectionImages")
    .withIndex("by_image", (q) => q.eq("imageId", image._id))
    .collect();
}

/** Sets favorite and/or visibility on an image and on its copies. */
export async function updateImageFlags(
  ctx: MutationCtx,
  image: Doc<"images">,
  flags: { favorite?: boolean; isPublic?: boolean },
) {
  const next = { ...image, ...flags };
  if ((next.favorite === true) === (image.favorite === true) && (next.isPublic === true) === (image.isPublic === true))
    return;
  await ctx.db.patch(image._id, flags);
  const { favorite, isPublic } = listingFields(next);
  for (const row of [...(await tagRowsOf(ctx, image)), ...(await collectionRowsOf(ctx, image))]) {
    await ctx.db.patch(row._id, { favorite, isPublic });
  }
}

/** Makes `tags` (already normalised and distinct) the image's whole set of tags. */
export async function replaceTags(ctx: MutationCtx, image: Doc<"images">, tags: string[]) {
  const rows = await tagRowsOf(ctx, image);
  const wanted = new Set(tags);
  for (const row of rows) if (!wanted.has(row.tag)) await ctx.db.delete(row._id);
  const present = new Set(rows.map((row) => row.tag));
  for (const tag of tags) {
    if (!present.has(tag))
      await ctx.db.insert("imageTags", { userId: image.userId, imageId: image._id, tag, ...listingFields(image) });
  }
  await ctx.db.patch(image._id, { tags });
}
