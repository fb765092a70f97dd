/**
 * Uploaded input images (issue 16). The edge API checks a file from its bytes, re-encodes it and
 * stores it; Convex only keeps the record. A user can never register an object themselves:
 * `prepareUpload` (as the caller) checks their session and storage and tells the edge API whose
 * folder to write into; `register` (service token only) records the object the edge API wrote, in
 * that user's folder, and counts its bytes. `list` and `remove` are the user's own.
 *
 * Between the two the edge API announces the object it is about to write (`expectUpload`, service
 * only) and `register` consumes that note; a note left behind (the edge stopped between the write
 * and the register, or a refused register whose clean-up failed — the refusal rolls back with the
 * note still there) names an object nothing counts, and `sweepUploads` (hourly cron) deletes it
 * after `UPLOAD_GRACE_MS`. A register after its note was swept is refused, so a counted input never
 * points at a deleted object, and storage counts exactly the registered inputs.
 */
import { v } from "convex/values";
import { getPlan, IMAGE_INPUT_LIMITS, INPUT_FORMATS, INPUT_KINDS } from "@pixorly/core";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalMutation } from "./_generated/server";
import { serviceMutation, userMutation, userQuery } from "./lib/auth";
import { fail } from "./lib/errors";
import { billingPlan, storageFullMessage } from "./lib/limits";
import { ownInput } from "./lib/ownership";
import { recordUsage } from "./lib/usage";

const inputKind = v.union(...INPUT_KINDS.map((kind) => v.literal(kind)));
const inputFormat = v.union(...INPUT_FORMATS.map((format) => v.literal(format)));

/** What clients read of an input (no S3 location). */
const inputView = v.object({
  inputId: v.id("imageInputs"),
  kind: inputKind,
  width: v.number(),
  height: v.number(),
  format: inputFormat,
  bytes: v.number(),
  createdAt: v.number(),
});

/** The folder every input object of a user lives in; `register` refuses keys outside it. */
export function inputFolder(userId: string): string {
  return `inputs/${userId}/`;
}

/** How long an announced upload may stay unregistered before its object is deleted (an upload takes seconds). */
export const UPLOAD_GRACE_MS = 60 * 60 * 1000;
/** Announced uploads one sweep run deletes at most; a full batch schedules the next run at once. */
const SWEEP_BATCH = 100;

/** Whether `s3Key` is a name the edge API gives an input object in `userId`'s folder. */
function isInputKey(userId: string, s3Key: string): boolean {
  const folder = inputFolder(userId);
  return s3Key.startsWith(folder) && /^[A-Za-z0-9_-]+\.(png|jpeg|webp)$/.test(s3Key.slice(folder.length));
}

/**
 * Called by the edge API with the caller's token once a file passed its checks, before it is
 * stored: the caller may upload (session, scope, account not being deleted — the wrapper) and has
 * room for `bytes`. Returns the folder the object goes into.
 */
export const prepareUpload = userMutation({
  scope: "generate",
  args: { bytes: v.number() },
  returns: v.object({ userId: v.id("users"), folder: v.string() }),
  handler: async (ctx, { bytes }) => {
    if (!Number.isInteger(bytes) || bytes <= 0 || bytes > IMAGE_INPUT_LIMITS.maxBytes)
      return fail("INPUT_TOO_LARGE", `An input may be at most ${IMAGE_INPUT_LIMITS.maxBytes / 1024 / 1024} MB.`);
    const plan = billingPlan(ctx.user, ctx.partner);
    if (ctx.user.storageUsed + bytes > plan.storageBytes) return fail("QUOTA_EXCEEDED", storageFullMessage(plan));
    return { userId: ctx.user._id, folder: inputFolder(ctx.user._id) };
  },
});

/** Service only: notes the object the edge API is about to write for `userId`, before it writes it. */
export const expectUpload = serviceMutation({
  args: { userId: v.id("users"), s3Bucket: v.string(), s3Key: v.string() },
  returns: v.null(),
  handler: async (ctx, { userId, s3Bucket, s3Key }) => {
    const user = await ctx.db.get(userId);
    if (!user || user.deletingAt !== undefined) return fail("NOT_FOUND", "No such user.");
    if (!isInputKey(user._id, s3Key))
      return fail("INVALID_ARGUMENT", "The object key is not in the user's input folder.");
    const taken =
      (await ctx.db
        .query("inputUploads")
        .withIndex("by_s3_key", (q) => q.eq("s3Key", s3Key))
        .first()) ??
      (await ctx.db
        .query("imageInputs")
        .withIndex("by_s3_key", (q) => q.eq("s3Key", s3Key))
        .first());
    if (taken) return fail("CONFLICT", "An input is already stored under this key.");
    await ctx.db.insert("inputUploads", { userId, s3Bucket, s3Key, createdAt: Date.now() });
    return null;
  },
});

/** Service only: records an object the edge API stored in the user's folder and counts its bytes. */
export const register = serviceMutation({
  args: {
    userId: v.id("users"),
    kind: inputKind,
    s3Bucket: v.string(),
    s3Key: v.string(),
    size: v.number(),
    width: v.number(),
    height: v.number(),
    format: inputFormat,
  },
  returns: v.id("imageInputs"),
  handler: async (ctx, input) => {
    const user = await ctx.db.get(input.userId);
    if (!user || user.deletingAt !== undefined) return fail("NOT_FOUND", "No such user.");
    if (!isInputKey(user._id, input.s3Key))
      return fail("INVALID_ARGUMENT", "The object key is not in the user's input folder.");
    const taken = await ctx.db
      .query("imageInputs")
      .withIndex("by_s3_key", (q) => q.eq("s3Key", input.s3Key))
      .first();
    if (taken) return fail("CONFLICT", "An input is already registered under this key.");
    const expected = await ctx.db
      .query("inputUploads")
      .withIndex("by_s3_key", (q) => q.eq("s3Key", input.s3Key))
      .first();
    if (!expected || expected.userId !== user._id || expected.s3Bucket !== input.s3Bucket)
      return fail("NOT_FOUND", "The upload took too long and was discarded; upload the file again.");
    // Checked again in the transaction that counts the bytes: uploads at the same time each saw room.
    const plan = getPlan(user.plan);
    if (user.storageUsed + input.size > plan.storageBytes) return fail("QUOTA_EXCEEDED", storageFullMessage(plan));
    await ctx.db.delete(expected._id);
    const inputId = await ctx.db.insert("imageInputs", { ...input, createdAt: Date.now() });
    await ctx.db.patch(user._id, { storageUsed: user.storageUsed + input.size });
    await recordUsage(ctx, user._id, { kind: "storage", bytes: input.size });
    return inputId;
  },
});

const toView = (input: Doc<"imageInputs">) => ({
  inputId: input._id,
  kind: input.kind,
  width: input.width,
  height: input.height,
  format: input.format,
  bytes: input.size,
  createdAt: input.createdAt,
});

/** The caller's uploaded inputs, newest first (at most 100). */
export const list = userQuery({
  scope: "generate",
  args: {},
  returns: v.array(inputView),
  handler: async (ctx) => {
    const user = ctx.user;
    if (!user) return [];
    const rows = await ctx.db
      .query("imageInputs")
      .withIndex("by_user", (q) => q.eq("userId", user._id))
      .order("desc")
      .take(100);
    return rows.map(toView);
  },
});

/** Deletes one of the caller's inputs: the record and its bytes now, the S3 object just after. */
export const remove = userMutation({
  scope: "generate",
  args: { inputId: v.string() },
  returns: v.null(),
  handler: async (ctx, { inputId }) => {
    const input = await ownInput(ctx, ctx.user, inputId);
    if (!input) return fail("NOT_FOUND", "Input not found.");
    await ctx.db.delete(input._id);
    const user = (await ctx.db.get(ctx.user._id))!;
    await ctx.db.patch(user._id, { storageUsed: Math.max(0, user.storageUsed - input.size) });
    await recordUsage(ctx, user._id, { kind: "storage", bytes: -Math.min(input.size, user.storageUsed) });
    await ctx.scheduler.runAfter(0, internal.images.deleteObjects, { s3Bucket: input.s3Bucket, s3Keys: [input.s3Key] });
    return null;
  },
});

/**
 * The hourly sweep: deletes the objects of uploads announced before `now - UPLOAD_GRACE_MS` and never
 * registered, and their notes. Nothing was counted for them, so storage is untouched. `now` defaults
 * to the current time (tests pass one). Returns how many it removed in this run.
 */
export const sweepUploads = internalMutation({
  args: { now: v.optional(v.number()) },
  returns: v.number(),
  handler: async (ctx, { now = Date.now() }) => {
    const stale = await ctx.db
      .query("inputUploads")
      .withIndex("by_created", (q) => q.lt("createdAt", now - UPLOAD_GRACE_MS))
      .take(SWEEP_BATCH);
    const byBucket = new Map<string, string[]>();
    for (const upload of stale) {
      byBucket.set(upload.s3Bucket, [...(byBucket.get(upload.s3Bucket) ?? []), upload.s3Key]);
      await ctx.db.delete(upload._id);
    }
    for (const [s3Bucket, s3Keys] of byBucket)
      await ctx.scheduler.runAfter(0, internal.images.deleteObjects, { s3Bucket, s3Keys });
    if (stale.length === SWEEP_BATCH) await ctx.scheduler.runAfter(0, internal.inputs.sweepUploads, { now });
    return stale.length;
  },
});
