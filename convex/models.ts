import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation } from "./_generated/server";
import { publicQuery } from "./lib/auth";
import { catalog } from "./lib/catalog";
import { modelInfo } from "./lib/validators";
import { OPENROUTER_BASE_URL, syncModels } from "./providers/openrouter";

/** The model catalog, public: what the model picker shows. */
export const list = publicQuery({
  args: {},
  returns: v.array(modelInfo),
  handler: async (ctx) => await catalog(ctx),
});

/** Replaces the synced OpenRouter models with a fresh list. */
export const replaceSynced = internalMutation({
  args: { models: v.array(modelInfo) },
  returns: v.number(),
  handler: async (ctx, { models }) => {
    for (const old of await ctx.db.query("models").collect()) await ctx.db.delete(old._id);
    const syncedAt = Date.now();
    for (const info of models) await ctx.db.insert("models", { modelId: info.id, info, syncedAt });
    return models.length;
  },
});

/** Syncs OpenRouter's image models (cron, or on demand by an operator); does nothing without OPENROUTER_API_KEY. */
export const sync = internalAction({
  args: {},
  returns: v.union(v.number(), v.null()),
  handler: async (ctx): Promise<number | null> => {
    const key = process.env.OPENROUTER_API_KEY;
    if (!key) return null;
    const models = await syncModels(
      (input, init) => fetch(input, init),
      process.env.OPENROUTER_BASE_URL ?? OPENROUTER_BASE_URL,
      key,
    );
    return await ctx.runMutation(internal.models.replaceSynced, { models });
  },
});
