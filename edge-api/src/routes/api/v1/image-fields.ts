import type { ImageDoc } from "./functions";

/** An image as the REST API shows it: no storage details (bucket, key), times in ms. */
export function publicImageFields(image: ImageDoc) {
  return {
    id: image._id,
    jobId: image.jobId,
    model: image.model,
    prompt: image.prompt,
    width: image.width,
    height: image.height,
    format: image.format,
    size: image.size,
    seed: image.seed,
    isPublic: image.isPublic ?? false,
    favorite: image.favorite ?? false,
    tags: image.tags ?? [],
    createdAt: Math.floor(image._creationTime),
    ...(image.lineage ? { lineage: image.lineage } : {}),
  };
}
