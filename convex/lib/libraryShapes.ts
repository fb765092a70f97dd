/**
 * Return validators of the library functions (images, collections), so each shape is written
 * once and a function cannot hand back more than it declares.
 */
import { paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import schema from "../schema";

export const imageDoc = schema.doc("images");
export const imagePage = paginationResultValidator(imageDoc);

/** What a lightbox shows beside an image, from its job (the cost is the whole job's, in credits). */
export const imageWithJob = v.object({
  ...imageDoc.fields,
  job: v.union(
    v.null(),
    v.object({
      negativePrompt: v.optional(v.string()),
      actualCost: v.optional(v.number()),
      startedAt: v.optional(v.number()),
      completedAt: v.optional(v.number()),
      numImages: v.number(),
    }),
  ),
});

/** Enough of an image to show it as a cover or in a public collection (no owner, job or bucket). */
export const publicImage = v.object({
  _id: v.id("images"),
  width: v.number(),
  height: v.number(),
  placeholder: v.optional(v.string()),
  s3Key: v.string(),
  format: v.string(),
  prompt: v.string(),
  model: v.string(),
});

export const publicImagePage = paginationResultValidator(publicImage);

export const coverImage = v.union(
  v.null(),
  v.object({
    imageId: v.id("images"),
    width: v.number(),
    height: v.number(),
    placeholder: v.optional(v.string()),
    s3Key: v.string(),
    format: v.string(),
  }),
);

export const collectionSummary = v.object({
  _id: v.id("collections"),
  _creationTime: v.number(),
  name: v.string(),
  isPublic: v.boolean(),
  shareId: v.union(v.string(), v.null()),
  imageCount: v.number(),
  updatedAt: v.number(),
  cover: coverImage,
});

export const countResult = (field: "updated" | "added" | "removed") => v.object({ [field]: v.number() });
