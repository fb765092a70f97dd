/**
 * Building a data export (`account:requestExport`): a snapshot of the account's records is read in
 * one query, then the ZIP (`lib/exportArchive.ts`) is written straight to S3 at the export's key,
 * one image in memory at a time. The row turns "ready" (and the owner is mailed) or "failed".
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type ActionCtx } from "./_generated/server";
import { sendEmail } from "./lib/email";
import { exportMetadata, imageFileName, writeExportZip } from "./lib/exportArchive";
import { s3Settings } from "./lib/s3";
import { startMultipartUpload } from "./lib/s3Multipart";

const file = v.object({ name: v.string(), s3Bucket: v.string(), s3Key: v.string() });

export const snapshot = internalQuery({
  args: { exportId: v.id("accountExports") },
  returns: v.union(
    v.object({ s3Bucket: v.string(), s3Key: v.string(), metadata: v.any(), files: v.array(file) }),
    v.null(),
  ),
  handler: async (ctx, { exportId }) => {
    const row = await ctx.db.get(exportId);
    if (!row || row.status !== "building") return null;
    const userId = row.userId;
    const jobs = await ctx.db
      .query("generationJobs")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .collect();
    const images = await ctx.db
      .query("images")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .collect();
    const collections = [];
    for (const collection of await ctx.db
      .query("collections")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .collect()) {
      const members = await ctx.db
        .query("collectionImages")
        .withIndex("by_collection_order", (q) => q.eq("collectionId", collection._id))
        .collect();
      collections.push({ collection, imageIds: members.map((m) => m.imageId as string) });
    }
    const presets = await ctx.db
      .query("presets")
      .withIndex("by_user_name", (q) => q.eq("userId", userId))
      .collect();
    return {
      s3Bucket: row.s3Bucket,
      s3Key: row.s3Key,
      metadata: exportMetadata({ jobs, images, collections, presets }),
      files: images.map((i) => ({ name: imageFileName(i), s3Bucket: i.s3Bucket, s3Key: i.s3Key })),
    };
  },
});

export const finish = internalMutation({
  args: { exportId: v.id("accountExports"), size: v.union(v.number(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { exportId, size }) => {
    const row = await ctx.db.get(exportId);
    if (!row || row.status !== "building") return null;
    const completedAt = Date.now();
    if (size === null) {
      await ctx.db.patch(exportId, { status: "failed", completedAt });
      return null;
    }
    await ctx.db.patch(exportId, { status: "ready", completedAt, size });
    await sendEmail(ctx, { userId: row.userId, template: "exportReady", data: { exportId, size } });
    return null;
  },
});

export const build = internalAction({
  args: { exportId: v.id("accountExports") },
  returns: v.null(),
  handler: async (ctx, { exportId }) => {
    let size: number | null = null;
    try {
      size = await writeArchive(ctx, exportId);
    } catch (error) {
      console.error("export failed", exportId, error instanceof Error ? error.name : "error");
    }
    await ctx.runMutation(internal.accountExport.finish, { exportId, size });
    return null;
  },
});

/** Writes the export's ZIP to S3 and returns its size; null when the export is gone or no longer building. */
async function writeArchive(ctx: ActionCtx, exportId: Id<"accountExports">): Promise<number | null> {
  const snap = await ctx.runQuery(internal.accountExport.snapshot, { exportId });
  if (!snap) return null;
  const s3 = s3Settings();
  const out = await startMultipartUpload({ ...s3, bucket: snap.s3Bucket }, snap.s3Key, "application/zip");
  try {
    let i = 0;
    await writeExportZip(out, snap.metadata, async () => {
      const f = snap.files[i++];
      if (!f) return null;
      const object = await s3.client.send(new GetObjectCommand({ Bucket: f.s3Bucket, Key: f.s3Key }));
      return { name: f.name, bytes: await object.Body!.transformToByteArray() };
    });
    return await out.finish();
  } catch (error) {
    await out.abort();
    throw error;
  }
}
