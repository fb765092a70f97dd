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
