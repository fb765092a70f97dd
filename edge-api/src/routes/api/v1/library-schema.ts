/**
 * Request and response schemas of the library routes (collections, an image's favorite, tags and
 * visibility). Name and tag rules (trimming, lengths, normalisation) are Convex's and answer with
 * the field named; these schemas check only the shape, so no rule is written twice.
 */
import { z } from "@hono/zod-openapi";
import { LIBRARY_LIMITS } from "@pixorly/core";
import { epochMs, ImageWithUrlSchema } from "./schema";

const id = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name, in: "path" }, example });

export const CollectionIdParamsSchema = z.object({ id: id("id", "k57c2m0d8v1x9n3q6w4e7r2t5y8u1i0o") });
export const CollectionImageParamsSchema = CollectionIdParamsSchema.extend({
  imageId: id("imageId", "kg2h7d0n1s5v4b8c3x6z9m2q4w7e1r3t"),
});

const name = z
  .string("Name must be text")
  .openapi({ description: "1–100 characters after trimming.", example: "Lighthouses" });

export const CreateCollectionSchema = z.strictObject({ name }).openapi("CreateCollection");

export const UpdateCollectionSchema = z
  .strictObject({
    name: name.optional(),
    isPublic: z.boolean("isPublic must be true or false").optional().openapi({
      description:
        "Public: anyone with the share link sees the collection's public images. Making it private ends the link for good.",
    }),
  })
  .refine((body) => body.name !== undefined || body.isPublic !== undefined, { message: "Send name, isPublic or both" })
  .openapi("UpdateCollection");

export const ImageIdsBodySchema = z
  .strictObject({
    imageIds: z
      .array(z.string("Image ids must be text").min(1).max(128), "imageIds must be a list of image ids")
      .min(1, "Give at least one image id")
      .max(LIBRARY_LIMITS.idsPerCall, `At most ${LIBRARY_LIMITS.idsPerCall} ids per call`),
  })
  .openapi("ImageIds");

export const CollectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    isPublic: z.boolean(),
    shareId: z.string().nullable().openapi({ description: "The share link's id while the collection is public." }),
    imageCount: z.number().int(),
    coverImageId: z
      .string()
      .nullable()
      .openapi({ description: "The chosen cover, else the first image; null when empty." }),
    createdAt: epochMs("When the collection was made"),
    updatedAt: epochMs("When it last changed"),
  })
  .openapi("Collection");

export const CollectionListSchema = z.object({ collections: z.array(CollectionSchema) }).openapi("CollectionList");

export const CollectionWithImagesSchema = CollectionSchema.extend({
  images: z.array(ImageWithUrlSchema).openapi({ description: "One page of the collection's images, in its order." }),
  nextCursor: z
    .string()
    .nullable()
    .openapi({ description: "Pass as `cursor` for the next page of images; null on the last page." }),
}).openapi("CollectionWithImages");

export const CreatedCollectionSchema = z.object({ id: z.string() }).openapi("CreatedCollection");

export const AddedSchema = z.object({
  added: z
    .number()
    .int()
    .openapi({ description: "Images added; ones already in it, and ids that are not yours, are skipped." }),
});

export const UpdateImageSchema = z
  .strictObject({
    favorite: z.boolean("favorite must be true or false").optional(),
    isPublic: z
      .boolean("isPublic must be true or false")
      .optional()
      .openapi({ description: "Public images get a stable unsigned URL." }),
    tags: z
      .array(z.string("Tags must be text"), "tags must be a list of text")
      .optional()
      .openapi({
        description: `Replaces the image's tags: normalised (lower case, no leading #), duplicates dropped, at most ${LIBRARY_LIMITS.tagsPerImage}.`,
      }),
  })
  .refine((body) => body.favorite !== undefined || body.isPublic !== undefined || body.tags !== undefined, {
    message: "Send favorite, isPublic or tags",
  })
  .openapi("UpdateImage");
