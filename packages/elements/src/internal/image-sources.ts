/**
 * Which CDN variants an image is offered in (`srcset`): a few fixed widths, so every
 * gallery, strip and lightbox asks for the same variants and the CDN's variant cache serves
 * them all; `f=auto` lets the CDN answer AVIF or WebP to browsers that take them.
 */
import type { ImageTransform } from "../client/signed-urls.js";

/** The widths the CDN is asked for, smallest first. */
export const VARIANT_WIDTHS = [256, 512, 1024, 2048] as const;

/** The variant widths worth offering for an image `imageWidth` pixels wide: none wider than the image itself (upscaling only adds bytes). */
export function variantWidths(imageWidth: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((width) => width < imageWidth);
  widths.push(Math.min(imageWidth, VARIANT_WIDTHS.at(-1)!));
  return widths;
}

/** The transform of one variant. */
export function variantTransform(width: number): ImageTransform {
  return { w: width, f: "auto" };
}
