/**
 * Looking up a caller's own documents by untrusted id strings. Someone else's id, an unknown id
 * and a malformed one all come back the same way (null or absent), so no answer tells a caller
 * that a document of another user exists.
 */
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

type User = Doc<"users"> | null;

export async function ownImage(ctx: QueryCtx, user: User, id: string): Promise<Doc<"images"> | null> {
  const imageId = ctx.db.normalizeId("images", id);
  if (!imageId || !user) return null;
  const image = await ctx.db.get(imageId);
  return image && image.userId === user._id ? image : null;
}

/** The caller's images among `ids`, each once, in the order first named; the rest are left out. */
export async function ownImages(ctx: QueryCtx, user: User, ids: string[]): Promise<Doc<"images">[]> {
  const found: Doc<"images">[] = [];
  for (const id of new Set(ids)) {
    const image = await ownImage(ctx, user, id);
    if (image) found.push(image);
  }
  return found;
}

export async function ownCollection(ctx: QueryCtx, user: User, id: string): Promise<Doc<"collections"> | null> {
  const collectionId = ctx.db.normalizeId("collections", id);
  if (!collectionId || !user) return null;
  const collection = await ctx.db.get(collectionId);
  return collection && collection.userId === user._id ? collection : null;
}

export async function ownInput(ctx: QueryCtx, user: User, id: string): Promise<Doc<"imageInputs"> | null> {
  const inputId = ctx.db.normalizeId("imageInputs", id);
  if (!inputId || !user) return null;
  const input = await ctx.db.get(inputId);
  return input && input.userId === user._id ? input : null;
}
