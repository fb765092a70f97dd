/** Generation settings saved to the account under a name (they used to live in one browser's storage). */
import { LIBRARY_LIMITS } from "@pixorly/core";
import { v } from "convex/values";
import { userMutation, userQuery } from "./lib/auth";
import { fail } from "./lib/errors";
import { checkPreset } from "./lib/presetInput";
import { presetParameters } from "./lib/validators";

const preset = v.object({
  _id: v.id("presets"),
  name: v.string(),
  model: v.string(),
  prompt: v.optional(v.string()),
  negativePrompt: v.optional(v.string()),
  parameters: presetParameters,
  updatedAt: v.number(),
});

/** The caller's presets, by name. */
export const list = userQuery({
  scope: "generate",
  args: {},
  returns: v.array(preset),
  handler: async (ctx) => {
    const user = ctx.user;
    if (!user) return [];
    const rows = await ctx.db
      .query("presets")
      .withIndex("by_user_name", (q) => q.eq("userId", user._id))
      .take(LIBRARY_LIMITS.presetsPerUser);
    return rows.map(({ userId: _, _creationTime: __, ...rest }) => rest);
  },
});

/** Saves a preset; a preset of the same name is replaced. */
export const save = userMutation({
  scope: "generate",
  args: {
    name: v.string(),
    model: v.string(),
    prompt: v.optional(v.string()),
    negativePrompt: v.optional(v.string()),
    parameters: presetParameters,
  },
  returns: v.id("presets"),
  handler: async (ctx, args) => {
    const checked = checkPreset(args);
    const userId = ctx.user._id;
    const existing = await ctx.db
      .query("presets")
      .withIndex("by_user_name", (q) => q.eq("userId", userId).eq("name", checked.name))
      .unique();
    const fields = { userId, ...checked, updatedAt: Date.now() };
    if (existing) {
      await ctx.db.replace(existing._id, fields);
      return existing._id;
    }
    const max = LIBRARY_LIMITS.presetsPerUser;
    const count = (
      await ctx.db
        .query("presets")
        .withIndex("by_user_name", (q) => q.eq("userId", userId))
        .take(max)
    ).length;
    if (count >= max) fail("QUOTA_EXCEEDED", `You have ${max} presets, the most allowed. Delete one to save another.`);
    return await ctx.db.insert("presets", fields);
  },
});

export const remove = userMutation({
  scope: "generate",
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    const presetId = ctx.db.normalizeId("presets", id);
    const row = presetId ? await ctx.db.get(presetId) : null;
    if (!row || row.userId !== ctx.user._id) return fail("NOT_FOUND", "Preset not found.");
    await ctx.db.delete(row._id);
    return null;
  },
});
