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

const shared = new WeakMap<AppServices, CdnServices>();

/**
 * The app's one set of CDN services: the CDN route and the ZIP download (`routes/images`) share
 * the variant cache, the transform slots and the S3 client, so a ZIP reuses the variants a
 * gallery already made and its transforms wait in the same queue.
 */
export function cdnServices(services: AppServices): CdnServices {
  let cdn = shared.get(services);
  if (!cdn) {
    const { config, deps, convex } = services;
    const objects = deps.imageObjects ?? s3ObjectReader(config.s3);
    const cache = deps.imageVariantCache ?? new VariantCache();
    cdn = {
      transformer: deps.imageTransformer,
      objects,
      publicImages: deps.publicImages ?? convexPublicImages(convex, deps.now, deps.logger),
      cache,
      slots: deps.imageTransformSlots ?? new TransformSlots(),
      freshness: new ObjectFreshness(objects, cache, deps.now, deps.logger),
    };
    shared.set(services, cdn);
  }
  return cdn;
}
