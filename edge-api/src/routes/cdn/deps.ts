/**
 * The CDN route's injectable dependencies. They extend the app's `EdgeDeps` (declaration
 * merging), so a runtime entry passes them to `createApp` like any other dependency:
 * the Node entry passes `imageTransformer: transformImage` (sharp); the Workers entry does
 * not, and its CDN then serves originals and answers 501 to transform requests.
 */
import type { ImageTransformer } from "../../cdn/transformer";
import { VariantCache } from "../../cdn/cache";
import { TransformSlots } from "../../cdn/transform-slots";
import type { AppServices } from "../../lib/context";
import { ObjectFreshness } from "./object-freshness";
import { s3ObjectReader, type ImageObjectReader } from "./object-store";
import { convexPublicImages, type PublicImageLookup } from "./public-images";

declare module "../../lib/context" {
  interface EdgeDeps {
    /** Resizes and converts images (sharp, Node only). Without it, transform requests answer 501. */
    imageTransformer?: ImageTransformer;
    /** Where image objects are read; default: S3 (or s3rver) from the configuration. */
    imageObjects?: ImageObjectReader;
    /** Which object keys are public images; default: asks Convex (`images:isPublicObject`). */
    publicImages?: PublicImageLookup;
    /** Transformed variants in memory; default: 256 MB. */
    imageVariantCache?: VariantCache;
    /** How many transforms run and wait at once; the Node entry sizes it to libuv's pool (`node-deps.ts`). */
    imageTransformSlots?: TransformSlots;
  }
}

export interface CdnServices {
  transformer?: ImageTransformer;
  objects: ImageObjectReader;
  publicImages: PublicImageLookup;
  cache: VariantCache;
  slots: TransformSlots;
  freshness: ObjectFreshness;
}

export function cdnServices({ config, deps, convex }: AppServices): CdnServices {
  const objects = deps.imageObjects ?? s3ObjectReader(config.s3);
  const cache = deps.imageVariantCache ?? new VariantCache();
  return {
    transformer: deps.imageTransformer,
    objects,
    publicImages: deps.publicImages ?? convexPublicImages(convex, deps.now, deps.logger),
    cache,
    slots: deps.imageTransformSlots ?? new TransformSlots(),
    freshness: new ObjectFreshness(objects, cache, deps.now, deps.logger),
  };
}
