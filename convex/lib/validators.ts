/**
 * Convex validators for shapes several tables and functions share. Where
 * packages/core already defines a shape in zod, it is converted, not rewritten.
 */
import { v } from "convex/values";
import { zodToConvex } from "convex-helpers/server/zod4";
import { modelInfoSchema, planIdSchema } from "@pixorly/core";

/** `ModelInfo` from packages/core, as stored and returned. */
export const modelInfo = zodToConvex(modelInfoSchema);

export const planId = zodToConvex(planIdSchema);

/** What the generation run stores for each image, before the job's own fields are added. */
export const storedImageFields = {
  s3Bucket: v.string(),
  s3Key: v.string(),
  size: v.number(),
  width: v.number(),
  height: v.number(),
  format: v.string(),
  /** ThumbHash (base64) of the image, shown blurred until the signed URL loads; absent when the format cannot be decoded here (WebP, GIF). */
  placeholder: v.optional(v.string()),
  seed: v.number(),
};

/**
 * An image's fields copied into its tag rows and collection rows, so a filtered listing reads one
 * index range and narrows it there. Creation time and model never change; `lib/libraryRows.ts`
 * rewrites the rows when favorite or visibility changes.
 */
export const libraryRowFields = {
  imageCreatedAt: v.number(),
  model: v.string(),
  favorite: v.boolean(),
  isPublic: v.boolean(),
};

/** A preset's generation parameters: any subset of a request's (checked by `generationParametersSchema`). */
export const presetParameters = v.object({
  width: v.optional(v.number()),
  height: v.optional(v.number()),
  steps: v.optional(v.number()),
  guidance: v.optional(v.number()),
  seed: v.optional(v.number()),
  numImages: v.optional(v.number()),
});
