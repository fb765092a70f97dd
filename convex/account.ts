/**
 * The account itself: deleting it (every image in S3 and every document, in scheduled steps —
 * `lib/accountDeletion.ts` — then a confirmation email) and exporting its data as a ZIP built in
 * the background (`accountExport.ts`). Both are first-party only: a partner's embed session or an
 * API key must not be able to erase or carry away an account.
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, internalQuery } from "./_generated/server";
import { deleteAccountStep } from "./lib/accountDeletion";
import { FIRST_PARTY, userMutation, userQuery } from "./lib/auth";
import { sendEmail } from "./lib/email";
import { fail } from "./lib/errors";
import { s3Settings } from "./lib/s3";

/** The text `deleteAccount` must be given, so a stray call cannot erase an account. */
export const DELETE_CONFIRMATION = "DELETE";
/** After this long a build still marked "building" is taken as lost. */
const STALE_BUILD_MS = 60 * 60 * 1000;
/** Exports listed at most (newest first). */
const EXPORTS_LISTED = 20;

/** Starts deleting the caller's account; from now on their mutations are refused. */
export const deleteAccount = userMutation({
  scope: FIRST_PARTY,
  args: { confirm: v.string() },
  returns: v.object({ deleting: v.literal(true) }),
  handler: async (ctx, { confirm }) => {
    if (confirm !== DELETE_CONFIRMATION) {
      fail("INVALID_ARGUMENT", `confirm: type ${DELETE_CONFIRMATION} to delete the account.`, [
        { field: "confirm", message: `Must be the text ${DELETE_CONFIRMATION}.` },
      ]);
    }
    await ctx.db.patch(ctx.user._id, { deletingAt: Date.now() });
    await ctx.scheduler.runAfter(0, internal.account.deletionStep, { userId: ctx.user._id });
    return { deleting: true as const };
  },
});

/** One deletion step; re-schedules itself until nothing but the user is left, then removes the user and mails them. */
export const deletionStep = internalMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    const user = await ctx.db.get(userId);
    if (!user || user.deletingAt === undefined) return null;
    if ((await deleteAccountStep(ctx, user)) > 0) {
      await ctx.scheduler.runAfter(0, internal.account.deletionStep, { userId });
      return null;
    }
    await ctx.db.delete(userId);
    if (user.email) await sendEmail(ctx, { to: user.email, template: "accountDeleted", data: {} });
    return null;
  },
});

/** For operators and tests: whether an account still exists and is being deleted. */
export const deletionStatus = internalQuery({
  args: { userId: v.id("users") },
  returns: v.union(v.literal("active"), v.literal("deleting"), v.literal("deleted")),
  handler: async (ctx, { userId }) => {
    const user = await ctx.db.get(userId);
    return !user ? "deleted" : user.deletingAt !== undefined ? "deleting" : "active";
  },
});

/** Starts building an export of the caller's data; one at a time. */
export const requestExport = userMutation({
  scope: FIRST_PARTY,
  args: {},
  returns: v.id("accountExports"),
  handler: async (ctx) => {
    const userId = ctx.user._id;
    const latest = await ctx.db
      .query("accountExports")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .order("desc")
      .first();
    // A build cut off by a restart never finishes; after a while it no longer blocks a new one.
    if (latest?.status === "building" && Date.now() - latest.createdAt < STALE_BUILD_MS) {
      fail("CONFLICT", "An export is already being built; wait for it to finish.");
    }
    const id = await ctx.db.insert("accountExports", {
      userId,
      status: "building",
      createdAt: Date.now(),
      s3Bucket: s3Settings().bucket,
      s3Key: "",
    });
    await ctx.db.patch(id, { s3Key: `exports/${userId}/${id}.zip` });
    await ctx.scheduler.runAfter(0, internal.accountExport.build, { exportId: id });
    return id;
  },
});

/** The caller's exports, newest first, with their status. */
export const exports = userQuery({
  scope: FIRST_PARTY,
  args: {},
  returns: v.array(
    v.object({
      id: v.id("accountExports"),
      status: v.union(v.literal("building"), v.literal("ready"), v.literal("failed")),
      createdAt: v.number(),
      completedAt: v.union(v.number(), v.null()),
      size: v.union(v.number(), v.null()),
    }),
  ),
  handler: async (ctx) => {
    if (!ctx.user) return [];
    const userId = ctx.user._id;
    const rows = await ctx.db
      .query("accountExports")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .order("desc")
      .take(EXPORTS_LISTED);
    return rows.map((e) => ({
      id: e._id,
      status: e.status,
      createdAt: e.createdAt,
      completedAt: e.completedAt ?? null,
      size: e.size ?? null,
    }));
  },
});

/**
 * For the edge API's download link (`POST /v1/account/exports/{id}/url`, asked with the caller's
 * own token): the object of one of the caller's ready exports, or null (unknown, another's, not ready).
 */
export const exportDownload = userQuery({
  scope: FIRST_PARTY,
  args: { exportId: v.string() },
  returns: v.union(v.null(), v.object({ s3Key: v.string(), size: v.number(), filename: v.string() })),
  handler: async (ctx, { exportId }) => {
    const id = ctx.db.normalizeId("accountExports", exportId);
    const row = id && ctx.user ? await ctx.db.get(id) : null;
    if (!row || row.userId !== ctx.user?._id || row.status !== "ready") return null;
    const day = new Date(row.createdAt).toISOString().slice(0, 10);
    return { s3Key: row.s3Key, size: row.size ?? 0, filename: `pixorly-export-${day}.zip` };
  },
});
