/**
 * Removing an account (`account:deleteAccount`) in steps, each one scheduled mutation that deletes at
 * most `STEP_BUDGET` documents, so an account of any size finishes without a transaction hitting
 * Convex's limits. Images go through `purgeImages` (their tag and collection rows, job links and S3
 * objects). Every step reads the tables again from the top and the user row goes only after a step
 * finds nothing left, so rows written meanwhile (a generation finishing, a usage row from the image
 * purge itself) are caught before the account is gone.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { internal } from "../_generated/api";
import { DELETE_BATCH_SIZE, purgeImages } from "./imageDeletion";

/** Documents one step deletes at most (an image counts as one, though it removes its rows too). */
export const STEP_BUDGET = 200;

type Source = (ctx: MutationCtx, userId: Id<"users">, budget: number) => Promise<number>;

/** Deletes the documents `rows` found and returns how many. */
async function deleteAll(ctx: MutationCtx, rows: { _id: Id<any> }[]): Promise<number> {
  for (const row of rows) await ctx.db.delete(row._id);
  return rows.length;
}

/** Deletes `rows` and, just after (scheduled), the S3 object each names. */
async function deleteWithObjects(
  ctx: MutationCtx,
  rows: { _id: Id<any>; s3Bucket: string; s3Key: string }[],
): Promise<number> {
  const byBucket = new Map<string, string[]>();
  for (const row of rows) byBucket.set(row.s3Bucket, [...(byBucket.get(row.s3Bucket) ?? []), row.s3Key]);
  for (const [s3Bucket, s3Keys] of byBucket)
    await ctx.scheduler.runAfter(0, internal.images.deleteObjects, { s3Bucket, s3Keys });
  return await deleteAll(ctx, rows);
}

const images: Source = async (ctx, userId, budget) => {
  const batch = await ctx.db
    .query("images")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(Math.min(budget, DELETE_BATCH_SIZE));
  await purgeImages(ctx, userId, batch);
  return batch.length;
};

/** A collection with its membership rows (normally already gone with the images). */
const collections: Source = async (ctx, userId, budget) => {
  const rows = await ctx.db
    .query("collections")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(Math.max(1, Math.floor(budget / 10)));
  let n = 0;
  for (const collection of rows) {
    const members = await ctx.db
      .query("collectionImages")
      .withIndex("by_collection_order", (q) => q.eq("collectionId", collection._id))
      .collect();
    n += (await deleteAll(ctx, members)) + (await deleteAll(ctx, [collection]));
  }
  return n;
};

/** An endpoint with its deliveries and their attempts. */
const webhookEndpoints: Source = async (ctx, userId, budget) => {
  const endpoint = await ctx.db
    .query("webhookEndpoints")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .first();
  if (!endpoint) return 0;
  const byEndpoint = (table: "webhookAttempts" | "webhookDeliveries") =>
    ctx.db
      .query(table)
      .withIndex("by_endpoint", (q) => q.eq("endpointId", endpoint._id))
      .take(budget);
  const attempts = await deleteAll(ctx, await byEndpoint("webhookAttempts"));
  if (attempts > 0) return attempts;
  const deliveries = await deleteAll(ctx, await byEndpoint("webhookDeliveries"));
  if (deliveries > 0) return deliveries;
  return await deleteAll(ctx, [endpoint]);
};

/** Export archives: the S3 object as well as the row. */
const exports: Source = async (ctx, userId, budget) => {
  const rows = await ctx.db
    .query("accountExports")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(budget);
  return await deleteWithObjects(ctx, rows);
};

/** Uploaded inputs (issue 16): the S3 objects as well as the rows. */
const inputs: Source = async (ctx, userId, budget) => {
  const rows = await ctx.db
    .query("imageInputs")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(budget);
  return await deleteWithObjects(ctx, rows);
};

/** Input uploads announced and never registered: their objects as well as the notes. */
const inputUploads: Source = async (ctx, userId, budget) => {
  const rows = await ctx.db
    .query("inputUploads")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(budget);
  return await deleteWithObjects(ctx, rows);
};

/** Tables read through an index whose first field is the user id. */
function byUser(
  table:
    | "generationJobs"
    | "imageTags"
    | "presets"
    | "promptHistory"
    | "apiKeys"
    | "apiRequestCounts"
    | "usage"
    | "usageEvents"
    | "usageDays"
    | "usageModelDays"
    | "emailOutbox",
  index: string,
): Source {
  return async (ctx, userId, budget) =>
    deleteAll(
      ctx,
      await ctx.db
        .query(table)
        .withIndex(index as never, (q: any) => q.eq("userId", userId))
        .take(budget),
    );
}

const generationCounts: Source = async (ctx, userId, budget) =>
  deleteAll(
    ctx,
    await ctx.db
      .query("generationCounts")
      .withIndex("by_owner_month", (q) => q.eq("owner", `user:${userId}`))
      .take(budget),
  );

/** In this order: images first, since purging them touches jobs, collections and usage. */
const SOURCES: Source[] = [
  images,
  byUser("imageTags", "by_user_tag"),
  collections,
  byUser("generationJobs", "by_user"),
  byUser("presets", "by_user_name"),
  byUser("promptHistory", "by_user_key"),
  byUser("apiKeys", "by_user"),
  webhookEndpoints,
  exports,
  inputs,
  inputUploads,
  generationCounts,
  byUser("apiRequestCounts", "by_user_day"),
  byUser("usage", "by_user"),
  byUser("usageEvents", "by_user_at"),
  byUser("usageDays", "by_user_day"),
  byUser("usageModelDays", "by_user_day_model"),
  byUser("emailOutbox", "by_user"),
];

/** One step: deletes up to `STEP_BUDGET` of the user's documents; returns how many (0: nothing is left but the user row). */
export async function deleteAccountStep(ctx: MutationCtx, user: Doc<"users">): Promise<number> {
  let deleted = 0;
  for (const source of SOURCES) {
    const budget = STEP_BUDGET - deleted;
    if (budget <= 0) break;
    deleted += await source(ctx, user._id, budget);
  }
  return deleted;
}
