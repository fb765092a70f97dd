/**
 * Image transforms with sharp. This is the only module that imports sharp: the Node entry
 * passes `transformImage` to the app as a dependency, and the Workers bundle leaves it out
 * (a Worker then serves originals and answers 501 to transform requests).
 *
 * Bounded three ways: the source's pixels (`MAX_SOURCE_PIXELS`, before decoding), the variant's
 * cost (`cost.ts`, once the source's size is known; AVIF at a fixed low effort), and libvips's
 * own timeout. How many run at once is the route's business (`transform-slots.ts`).
 */
import sharp, { type Metadata } from "sharp";
import { assertAffordable, AVIF_EFFORT, firstAffordable, outputSize, variantCost } from "./cost";
import {
  autoFormats,
  CONTENT_TYPES,
  isIdentityTransform,
  outputFormatFor,
  type OutputFormat,
} from "./transform-params";
import { TransformBusyError } from "./transform-slots";
import { MAX_SOURCE_PIXELS, SourceTooLargeError, UnsupportedImageError, type ImageTransformer } from "./transformer";

const SOURCE_FORMATS: Readonly<Record<string, OutputFormat>> = { jpeg: "jpeg", png: "png", webp: "webp", heif: "avif" };
/** libvips stops a pipeline after this long (it checks as it computes pixels). */
export const TRANSFORM_TIMEOUT_SECONDS = 10;

/**
 * sharp's thread budget: one libvips thread per transform (sharp's default is one per core, for
 * every transform at once), so N concurrent transforms use N cores, and the route's slots bound N.
 * Called by the Node entry's dependencies, not on import, so importing this module changes nothing.
 */
export function limitSharpThreads(): void {
  sharp.concurrency(1);
}

/**
 * Resizes and/or converts `source`. No parameters → the original bytes and their content type.
 * Without `f` the source's format is kept. `fit` defaults to `cover` (sharp's default).
 */
export const transformImage: ImageTransformer = async (source, params, accept) => {
  const image = sharp(source, { limitInputPixels: MAX_SOURCE_PIXELS, failOn: "error" }).timeout({
    seconds: TRANSFORM_TIMEOUT_SECONDS,
  });
  let metadata: Metadata;
  try {
    metadata = await image.metadata();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new SourceTooLargeError(null);
    throw new UnsupportedImageError();
  }
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0) * (metadata.pages ?? 1);
  if (pixels > MAX_SOURCE_PIXELS) throw new SourceTooLargeError(pixels);
  const sourceFormat = SOURCE_FORMATS[metadata.format ?? ""];
  // SVG, PDF and the like are not served: they can carry script or be made arbitrarily expensive.
  if (!sourceFormat && metadata.format !== "gif") throw new UnsupportedImageError();

  if (isIdentityTransform(params)) {
    return { body: source, contentType: sourceFormat ? CONTENT_TYPES[sourceFormat] : "image/gif" };
  }

  const oriented = metadata.autoOrient ?? { width: metadata.width, height: metadata.height };
  const size = outputSize(params, oriented);
  // `f=auto` takes the best format the browser accepts that the ceiling allows (AVIF, else WebP, else
  // JPEG); when even JPEG is over it, the check below refuses with JPEG's cost.
  const format =
    params.f === "auto"
      ? (firstAffordable(autoFormats(accept), size, oriented) ?? "jpeg")
      : (outputFormatFor(params, accept) ?? sourceFormat ?? "png");
  assertAffordable(variantCost(size, format, oriented));

  let pipeline = image.autoOrient();
  if (params.w !== undefined || params.h !== undefined) {
    pipeline = pipeline.resize({ width: params.w, height: params.h, fit: params.fit ?? "cover" });
  }
  // JPEG has no alpha: put transparent pixels on white rather than sharp's default black.
  if (format === "jpeg" && metadata.hasAlpha) pipeline = pipeline.flatten({ background: "#ffffff" });
  const options = {
    ...(params.q !== undefined ? { quality: params.q } : {}),
    ...(format === "avif" ? { effort: AVIF_EFFORT } : {}),
  };
  let output: Buffer;
  try {
    output = await pipeline.toFormat(format, options).toBuffer();
  } catch (error) {
    if (error instanceof Error && /timeout/i.test(error.message)) throw new TransformBusyError("timed-out");
    throw error;
  }
  return {
    body: new Uint8Array(output.buffer, output.byteOffset, output.byteLength),
    contentType: CONTENT_TYPES[format],
  };
};
