/**
 * A generation request's `input` (issue 16) resolved when the job is created: each id must name
 * one of the caller's own documents of the right kind (a library image or an uploaded image, and
 * an uploaded mask), else INVALID_ARGUMENT naming the field — another user's id reads exactly as
 * an unknown one. The job keeps the objects' locations, so its run reads them without asking again.
 */
import type { Infer } from "convex/values";
import { IMAGE_INPUT_LIMITS, type GenerationInput } from "@pixorly/core";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { jobInput } from "../schema";
import { InputIssues } from "./inputs";
import { ownImage, ownInput } from "./ownership";

export type JobInput = Infer<typeof jobInput>;

const objectOf = (doc: { s3Bucket: string; s3Key: string; width: number; height: number }) => ({
  s3Bucket: doc.s3Bucket,
  s3Key: doc.s3Key,
  width: doc.width,
  height: doc.height,
});

export async function resolveJobInput(ctx: QueryCtx, user: Doc<"users">, input: GenerationInput): Promise<JobInput> {
  const issues = new InputIssues();
  let source: JobInput["source"] | null = null;
  const lineage: Pick<JobInput, "sourceImageId" | "inputId" | "maskInputId"> = {};
  if (input.imageId !== undefined) {
    const image = await ownImage(ctx, user, input.imageId);
    if (!image) issues.add("input.imageId", "No image of yours has this id");
    else {
      source = objectOf(image);
      lineage.sourceImageId = image._id;
    }
  } else if (input.inputId !== undefined) {
    const uploaded = await ownInput(ctx, user, input.inputId);
    if (!uploaded) issues.add("input.inputId", "No uploaded input of yours has this id");
    else if (uploaded.kind !== "image") issues.add("input.inputId", "This input is a mask; give it as maskInputId");
    else {
      source = objectOf(uploaded);
      lineage.inputId = uploaded._id;
    }
  }
  let mask: JobInput["mask"];
  if (input.maskInputId !== undefined) {
    const uploaded = await ownInput(ctx, user, input.maskInputId);
    if (!uploaded) issues.add("input.maskInputId", "No uploaded mask of yours has this id");
    else if (uploaded.kind !== "mask")
      issues.add("input.maskInputId", "This input is an image; upload masks with kind=mask");
    else {
      mask = objectOf(uploaded);
      lineage.maskInputId = uploaded._id;
    }
  }
  if (source && input.scale !== undefined) {
    const pixels = source.width * input.scale * source.height * input.scale;
    if (pixels > IMAGE_INPUT_LIMITS.maxUpscaledPixels) {
      issues.add(
        "input.scale",
        `×${input.scale} of ${source.width}×${source.height} would be ${(pixels / 1e6).toFixed(0)} megapixels; at most ${IMAGE_INPUT_LIMITS.maxUpscaledPixels / 1e6} are made`,
      );
    }
  }
  issues.throwIfAny();
  return {
    operation: input.operation,
    ...lineage,
    ...(input.strength !== undefined ? { strength: input.strength } : {}),
    ...(input.scale !== undefined ? { scale: input.scale } : {}),
    source: source!,
    ...(mask ? { mask } : {}),
  };
}

/** The request's `input` again, from a job (for `jobs.retry`). */
export function requestInputOf(input: JobInput): GenerationInput {
  return canonical({
    operation: input.operation,
    imageId: input.sourceImageId,
    inputId: input.inputId,
    maskInputId: input.maskInputId,
    strength: input.strength,
    scale: input.scale === 2 || input.scale === 4 ? input.scale : undefined,
  });
}

/** The fields that are set, in one order, so two inputs compare as text. */
function canonical(input: GenerationInput): GenerationInput {
  const { operation, imageId, inputId, maskInputId, strength, scale } = input;
  return {
    operation,
    ...(imageId !== undefined ? { imageId } : {}),
    ...(inputId !== undefined ? { inputId } : {}),
    ...(maskInputId !== undefined ? { maskInputId } : {}),
    ...(strength !== undefined ? { strength } : {}),
    ...(scale !== undefined ? { scale } : {}),
  };
}

/** Whether a stored job's input is the one `input` asks for (idempotent retries). */
export function sameInput(stored: JobInput | undefined, input: GenerationInput | undefined): boolean {
  if (!stored || !input) return !stored && !input;
  return JSON.stringify(requestInputOf(stored)) === JSON.stringify(canonical(input));
}
