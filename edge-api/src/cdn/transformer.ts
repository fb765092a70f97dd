/**
 * What the CDN route needs of an image transformer, without the transformer itself: the Workers
 * bundle imports this module, never `transform.ts` (sharp), which only the Node entry passes in.
 */
import type { TransformParams } from "./transform-params";

/** Sources above this many pixels are refused before they are decoded (memory and CPU bound). */
export const MAX_SOURCE_PIXELS = 50_000_000;

export interface TransformedImage {
  body: Uint8Array;
  contentType: string;
}

export type ImageTransformer = (
  source: Uint8Array,
  params: TransformParams,
  accept: string | undefined,
) => Promise<TransformedImage>;

export class SourceTooLargeError extends Error {
  constructor(readonly pixels: number | null) {
    super(
      `The source image is larger than ${MAX_SOURCE_PIXELS / 1_000_000} megapixels${pixels ? ` (${(pixels / 1_000_000).toFixed(1)} MP)` : ""}; it cannot be transformed.`,
    );
    this.name = "SourceTooLargeError";
  }
}

/** The object is not an image sharp can read (HTML, text, a truncated file, …): 415, never a 500. */
export class UnsupportedImageError extends Error {
  constructor() {
    super("The stored object is not an image that can be served or transformed.");
    this.name = "UnsupportedImageError";
  }
}
