import type { CollectionSummary } from "./functions";

/** A collection as the REST API shows it: ids by name, times in ms, the cover by id only. */
export function collectionFields(collection: CollectionSummary) {
  return {
    id: collection._id,
    name: collection.name,
    isPublic: collection.isPublic,
    shareId: collection.shareId,
    imageCount: collection.imageCount,
    coverImageId: collection.cover?.imageId ?? null,
    createdAt: Math.floor(collection._creationTime),
    updatedAt: collection.updatedAt,
  };
}
