/**
 * Image transforms with sharp. This is the only module that imports sharp: the Node entry
 * passes `transformImage` to the app as a dependency, and the Workers bundle leaves it out
 * (a Worker then serves originals and answers 501 to transform requests).
 */
import sharp, { type Metadata } from "sharp";
import { CONTENT_TYPES, isIdentityTransform, outputFormatFor, type OutputFormat } from "./transform-params";
import { MAX_SOURCE_PIXELS, SourceTooLargeError, type ImageTransformer } from "./transformer";

const SOURCE_FORMATS: Readonly<Record<string, OutputFormat>> = { jpeg: "jpeg", png: "png", webp: "webp", heif: "avif" };

/**
 * Resizes and/or converts `source`. No parameters → the original bytes and their content type.
 * Without `f` the source's format is kept. `fit` defaults to `cover` (sharp's default).
 */
export const transformImage: ImageTransformer = async (source, params, accept) => {
  const image = sharp(source, { limitInputPixels: MAX_SOURCE_PIXELS, failOn: "error" });
  let metadata: Metadata;
  try {
    metadata = await image.metadata();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new SourceTooLargeError(null);
    throw error;
  }
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0) * (metadata.pages ?? 1);
  if (pixels > MAX_SOURCE_PIXELS) throw new SourceTooLargeError(pixels);
  const sourceFormat = SOURCE_FORMATS[metadata.format ?? ""];

  if (isIdentityTransform(params)) {
    return { body: source, contentType: sourceFormat ? CONTENT_TYPES[sourceFormat] : "application/octet-stream" };
  }

  const format = outputFormatFor(params, accept) ?? sourceFormat ?? "png";
  let pipeline = image.autoOrient();
  if (params.w !== undefined || params.h !== undefined) {
    pipeline = pipeline.resize({ width: params.w, height: params.h, fit: params.fit ?? "cover" });
  }
  // JPEG has no alpha: put transparent pixels on white rather than sharp's default black.
  if (format === "jpeg" && metadata.hasAlpha) pipeline = pipeline.flatten({ background: "#ffffff" });
  const quality = params.q !== undefined ? { quality: params.q } : {};
  const output = await pipeline.toFormat(format, quality).toBuffer();
  return { body: new Uint8Array(output.buffer, output.byteOffset, output.byteLength), contentType: CONTENT_TYPES[format] };
};
