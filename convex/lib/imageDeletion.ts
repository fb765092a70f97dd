/**
 * Deleting images: the documents, their tag and collection rows, the link from their job and the
 * owner's storage use in one transaction; the S3 objects afterwards, in one scheduled action per
 * bucket (an object outliving its document is harmless, the reverse would be a broken image).
 */
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { removeRows } from "./collectionMembers";
import { collectionRowsOf, tagRowsOf } from "./libraryRows";
import { recordUsage } from "./usage";

/** Images one transaction deletes; a larger selection continues in scheduled batches of this size. */
export const DELETE_BATCH_SIZE = 50;

export async function purgeImages(ctx: MutationCtx, userId: Id<"users">, images: Doc<"images">[]) {
  const keysByBucket = new Map<string, string[]>();
  let bytes = 0;
  for (const image of images) {
    for (const row of await tagRowsOf(ctx, image)) await ctx.db.delete(row._id);
    await removeRows(ctx, await collectionRowsOf(ctx, image));
    const job = await ctx.db.get(image.jobId);
    if (job) await ctx.db.patch(job._id, { resultImageIds: job.resultImageIds.filter((id) => id !== image._id) });
    await ctx.db.delete(image._id);
    bytes += image.size;
    keysByBucket.set(image.s3Bucket, [...(keysByBucket.get(image.s3Bucket) ?? []), image.s3Key]);
  }
  // Read now, not from the start of the call: the rows above may have taken a while, and this
  // must subtract from the balance as it is.
  const user = await ctx.db.get(userId);
  if (user) {
    await ctx.db.patch(userId, { storageUsed: Math.max(0, user.storageUsed - bytes) });
    await recordUsage(ctx, userId, { kind: "storage", bytes: -Math.min(bytes, user.storageUsed) });
  }
  for (const [s3Bucket, s3Keys] of keysByBucket) {
    await ctx.scheduler.runAfter(0, internal.images.deleteObjects, { s3Bucket, s3Keys });
  }
}

/** Deletes the first batch of `ids` now and schedules the rest in batches; ids not the user's are skipped. */
export async function purgeImagesInBatches(
  ctx: MutationCtx,
  userId: Id<"users">,
  ids: Id<"images">[],
): Promise<{ removed: number; scheduled: number }> {
  const now = ids.slice(0, DELETE_BATCH_SIZE);
  const images: Doc<"images">[] = [];
  for (const id of now) {
    const image = await ctx.db.get(id);
    if (image && image.userId === userId) images.push(image);
  }
  await purgeImages(ctx, userId, images);
  const rest = ids.slice(DELETE_BATCH_SIZE);
  for (let i = 0; i < rest.length; i += DELETE_BATCH_SIZE) {
    await ctx.scheduler.runAfter(0, internal.images.removeBatch, { userId, ids: rest.slice(i, i + DELETE_BATCH_SIZE) });
  }
  return { removed: images.length, scheduled: rest.length };
}
