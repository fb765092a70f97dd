/**
 * The model catalog: the built-in local models (always present) and the
 * OpenRouter models synced into the `models` table, each with its estimated
 * time replaced by the median of its recent real durations once there are a few
 * (with their middle half as a range: lib/modelTimings.ts).
 */
import { GENERATION_LIMITS, type ModelInfo } from "@pixorly/core";
import { localModels } from "@pixorly/local-models";
import type { QueryCtx } from "../_generated/server";
import { measuredEstimate } from "./modelTimings";

export function builtInModels(): ModelInfo[] {
  return localModels.map((m) => ({
    id: m.id,
    name: m.name,
    provider: "local",
    description: m.description,
    costPerImageCredits: m.costPerImageCredits,
    estimatedMs: m.estimatedMs,
    minWidth: m.minWidth,
    maxWidth: m.maxWidth,
    minHeight: m.minHeight,
    maxHeight: m.maxHeight,
    // Local renders are cheap, so several images per job are fine.
    supports: { ...m.supports, numImages: { ...GENERATION_LIMITS.numImages, default: 1 } },
  }));
}

async function withMeasuredTime(ctx: QueryCtx, model: ModelInfo): Promise<ModelInfo> {
  const timing = await ctx.db
    .query("modelTimings")
    .withIndex("by_model", (q) => q.eq("modelId", model.id))
    .unique();
  const measured = measuredEstimate(timing);
  return measured ? { ...model, ...measured } : model;
}

export async function catalog(ctx: QueryCtx): Promise<ModelInfo[]> {
  const synced = (await ctx.db.query("models").take(1000)).map((m) => m.info as ModelInfo);
  return await Promise.all([...builtInModels(), ...synced].map((m) => withMeasuredTime(ctx, m)));
}

export async function findModel(ctx: QueryCtx, id: string): Promise<ModelInfo | null> {
  const builtIn = builtInModels().find((m) => m.id === id);
  if (builtIn) return builtIn;
  const synced = await ctx.db
    .query("models")
    .withIndex("by_model", (q) => q.eq("modelId", id))
    .unique();
  return synced ? (synced.info as ModelInfo) : null;
}
