/**
 * An image's lineage (issue 16): the image, then the image it was made from, and so on, following
 * `images.lineage.sourceImageId`. A source that was deleted (or, defensively, is not the caller's)
 * stays in the chain as `exists: false` with nothing about it, and ends the walk.
 */
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { imageLineage } from "../schema";

/** Links followed at most (the image itself included). */
export const MAX_LINEAGE = 10;

export const lineageEntry = v.object({
  imageId: v.id("images"),
  exists: v.boolean(),
  /** How this image was made from the next entry; absent for a text-to-image original. */
  operation: v.optional(imageLineage.fields.operation),
  /** An uploaded input (not a library image) it was made from, when that is where the chain ends. */
  inputId: v.optional(v.id("imageInputs")),
  maskInputId: v.optional(v.id("imageInputs")),
  prompt: v.string(),
  model: v.string(),
  createdAt: v.number(),
});
export type LineageEntry = Infer<typeof lineageEntry>;

export async function lineageOf(ctx: QueryCtx, user: Doc<"users">, image: Doc<"images">): Promise<LineageEntry[]> {
  const chain: LineageEntry[] = [];
  let current: Doc<"images"> | null = image;
  const seen = new Set<Id<"images">>();
  while (current && chain.length < MAX_LINEAGE && !seen.has(current._id)) {
    seen.add(current._id);
    const lineage: Doc<"images">["lineage"] = current.lineage;
    chain.push({
      imageId: current._id,
      exists: true,
      ...(lineage ? { operation: lineage.operation } : {}),
      ...(lineage?.inputId ? { inputId: lineage.inputId } : {}),
      ...(lineage?.maskInputId ? { maskInputId: lineage.maskInputId } : {}),
      prompt: current.prompt,
      model: current.model,
      createdAt: current._creationTime,
    });
    const sourceId: Id<"images"> | undefined = lineage?.sourceImageId;
    if (!sourceId) break;
    const source: Doc<"images"> | null = await ctx.db.get(sourceId);
    if (!source || source.userId !== user._id) {
      if (chain.length < MAX_LINEAGE)
        chain.push({ imageId: sourceId, exists: false, prompt: "", model: "", createdAt: 0 });
      break;
    }
    current = source;
  }
  return chain;
}
