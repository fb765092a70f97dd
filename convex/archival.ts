/**
 * Archival of Pro images nobody opened for 90 days. A daily cron walks the Pro plan's users in
 * batches; each user's stale images (last opened — or made — before the cutoff) get `archivedAt`,
 * and, when the bucket is configured for it (`archiveStorageClass` in `model/s3.ts`: GLACIER_IR on
 * AWS), their objects move to the cheaper storage class. The flag is the same everywhere; only the
 * storage class depends on what the configured S3 offers. Archived images still open: asking for
 * their URLs (`images:delivery`) records the access, clears the flag and moves the object back.
 * Public images are left alone: their unsigned URLs are read without Convex seeing it.
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type MutationCtx } from "./_generated/server";
import { archiveStorageClass, s3Settings, setStorageClass } from "./lib/s3";

const DAY_MS = 86_400_000;
/** Unopened this long, a Pro image is archived. */
export const ARCHIVE_AFTER_MS = 90 * DAY_MS;
/** Opening an image records it at most this often (a gallery asks for the same URLs again and again). */
export const ACCESS_RESOLUTION_MS = 3_600_000;
const USERS_PER_BATCH = 50;
const IMAGES_PER_BATCH = 200;

/** Cron (daily): one batch of Pro users, each user's images archived in a run of its own; the next batch scheduled. */
export const sweep = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())), now: v.optional(v.number()) },
  returns: v.null(),
  handler: async (ctx, { cursor, now }) => {
    const at = now ?? Date.now();
    const page = await ctx.db
      .query("users")
      .withIndex("by_plan", (q) => q.eq("plan", "pro"))
      .paginate({ numItems: USERS_PER_BATCH, cursor: cursor ?? null });
    for (const user of page.page) {
      if (user.deletingAt === undefined)
        await ctx.scheduler.runAfter(0, internal.archival.archiveUser, { userId: user._id, now: at, cursor: null });
    }
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.archival.sweep, { cursor: page.continueCursor, now: at });
    return null;
  },
});

/** One batch of one user's stale images; schedules the next batch while there are more. Returns how many it archived. */
export const archiveUser = internalMutation({
  args: { userId: v.id("users"), now: v.number(), cursor: v.union(v.string(), v.null()) },
  returns: v.number(),
  handler: async (ctx, { userId, now, cursor }) => {
    const user = await ctx.db.get(userId);
    if (!user || user.plan !== "pro" || user.deletingAt !== undefined) return 0;
    const cutoff = now - ARCHIVE_AFTER_MS;
    // Unarchived images by last access; never-opened images (no access time) sort first and are
    // judged by their creation time.
    const page = await ctx.db
      .query("images")
      .withIndex("by_user_archived_access", (q) =>
        q.eq("userId", userId).eq("archivedAt", undefined).lt("lastAccessedAt", cutoff),
      )
      .paginate({ numItems: IMAGES_PER_BATCH, cursor });
    const archived: Id<"images">[] = [];
    for (const image of page.page) {
      if (image.isPublic === true || lastTouched(image) >= cutoff) continue;
      await ctx.db.patch(image._id, { archivedAt: now });
      archived.push(image._id);
    }
    await moveStorageClass(ctx, archived);
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.archival.archiveUser, { userId, now, cursor: page.continueCursor });
    return archived.length;
  },
});

function lastTouched(image: Doc<"images">): number {
  return image.lastAccessedAt ?? image._creationTime;
}

/**
 * Records that the caller opened these images (their URLs were asked for): the access time at
 * most once an hour per image, and an archived image is un-archived on the spot.
 */
export async function recordAccess(ctx: MutationCtx, images: Doc<"images">[], now = Date.now()) {
  const restored: Id<"images">[] = [];
  for (const image of images) {
    if (image.archivedAt !== undefined) {
      await ctx.db.patch(image._id, { archivedAt: undefined, lastAccessedAt: now });
      restored.push(image._id);
    } else if (lastTouched(image) <= now - ACCESS_RESOLUTION_MS) {
      await ctx.db.patch(image._id, { lastAccessedAt: now });
    }
  }
  await moveStorageClass(ctx, restored);
}

/** Schedules the storage-class change when the configured bucket has an archive class. */
async function moveStorageClass(ctx: MutationCtx, ids: Id<"images">[]) {
  if (ids.length === 0 || archiveStorageClass() === null) return;
  await ctx.scheduler.runAfter(0, internal.archival.applyStorageClass, { ids });
}

/** Where each image's object is and whether it is archived now (the action acts on the current state, so an archive and an open racing each other end right). */
export const storageTargets = internalQuery({
  args: { ids: v.array(v.id("images")) },
  returns: v.array(v.object({ s3Bucket: v.string(), s3Key: v.string(), archived: v.boolean() })),
  handler: async (ctx, { ids }) => {
    const targets = [];
    for (const id of ids) {
      const image = await ctx.db.get(id);
      if (image)
        targets.push({ s3Bucket: image.s3Bucket, s3Key: image.s3Key, archived: image.archivedAt !== undefined });
    }
    return targets;
  },
});

/** Moves images' objects to the archive storage class, or back to STANDARD when they were opened since. */
export const applyStorageClass = internalAction({
  args: { ids: v.array(v.id("images")) },
  returns: v.object({ moved: v.number(), failed: v.number() }),
  handler: async (ctx, { ids }) => {
    const archiveClass = archiveStorageClass();
    if (archiveClass === null) return { moved: 0, failed: 0 };
    const targets = await ctx.runQuery(internal.archival.storageTargets, { ids });
    const settings = s3Settings();
    let moved = 0;
    let failed = 0;
    for (const target of targets) {
      try {
        await setStorageClass(
          { ...settings, bucket: target.s3Bucket },
          target.s3Key,
          target.archived ? archiveClass : "STANDARD",
        );
        moved++;
      } catch (error) {
        // The flag stays right either way; the object keeps its class until the next change of state.
        failed++;
        console.error(`archival: could not change the storage class of ${target.s3Key}`, (error as Error).name);
      }
    }
    return { moved, failed };
  },
});
