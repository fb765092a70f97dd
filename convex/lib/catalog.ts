/**
 * The model catalog: the built-in local models (always present) and the
 * OpenRouter models synced into the `models` table, each with its estimated
 * time replaced by the median of its recent real durations once there are a few
 * (with their middle half as a range: lib/modelTimings.ts).
 */
import { GENERATION_LIMITS, UPSCALE_FACTORS, type ModelInfo } from "@pixorly/core";
import { DEFAULT_STRENGTH, localModels } from "@pixorly/local-models";
import type { QueryCtx } from "../_generated/server";
import { measuredEstimate } from "./modelTimings";

/** Upscaling ×2 / ×4 with sharp (Lanczos3 and a mild sharpen; `providers/local-input.ts`), priced per image like the others. */
export const LOCAL_UPSCALE: ModelInfo = {
  id: "local/upscale",
  name: "Upscale",
  provider: "local",
  description: "Enlarges an image two or four times (Lanczos resampling with a light sharpen). Works offline.",
  costPerImageCredits: 2,
  estimatedMs: 800,
  minWidth: GENERATION_LIMITS.dimension.min,
  maxWidth: GENERATION_LIMITS.dimension.max,
  minHeight: GENERATION_LIMITS.dimension.min,
  maxHeight: GENERATION_LIMITS.dimension.max,
  supports: {
    negativePrompt: false,
    seed: false,
    imageInput: { operations: ["upscale"], maxImages: 1, scales: [...UPSCALE_FACTORS], required: true },
  },
};

/** The procedural styles take an input image too (`@pixorly/local-models`' `renderLocalPixelsFromInput`). */
const LOCAL_IMAGE_INPUT: ModelInfo["supports"]["imageInput"] = {
  operations: ["img2img", "variations", "inpaint"],
  maxImages: 1,
  strength: { min: 0, max: 1, default: DEFAULT_STRENGTH.img2img },
};

export function builtInModels(): ModelInfo[] {
  return [...localStyleModels(), LOCAL_UPSCALE];
}

function localStyleModels(): ModelInfo[] {
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
    supports: {
      ...m.supports,
      numImages: { ...GENERATION_LIMITS.numImages, default: 1 },
      imageInput: LOCAL_IMAGE_INPUT,
    },
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
