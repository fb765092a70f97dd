/** Convex validators for shapes several tables and functions share. */
import { v } from "convex/values";

const range = v.object({ min: v.number(), max: v.number(), default: v.optional(v.number()) });

/** `ModelInfo` from packages/core, as stored and returned. */
export const modelInfo = v.object({
  id: v.string(),
  name: v.string(),
  provider: v.union(v.literal("local"), v.literal("openrouter")),
  description: v.optional(v.string()),
  costPerImageCredits: v.number(),
  estimatedMs: v.number(),
  minWidth: v.number(),
  maxWidth: v.number(),
  minHeight: v.number(),
  maxHeight: v.number(),
  sizeMultiple: v.optional(v.number()),
  aspectRatios: v.optional(v.array(v.string())),
  supports: v.object({
    negativePrompt: v.boolean(),
    seed: v.boolean(),
    steps: v.optional(range),
    guidance: v.optional(range),
    numImages: v.optional(range),
  }),
});
