/**
 * Image placeholders as ThumbHash strings (base64, ~25 bytes): the elements
 * decode them into a blurred preview shown until the signed URL loads.
 */
import { rgbaToThumbHash } from "thumbhash";
import { renderLocalPixels } from "@pixorly/local-models";
import { decodeImage, shrink } from "./decode";

/** ThumbHash takes at most 100×100 pixels; a 64-pixel long edge is plenty for a blur. */
const PREVIEW_EDGE = 64;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The placeholder of a local model's image, from a small render of the same prompt and seed. */
export function localPlaceholder(model: string, prompt: string, seed: number, width: number, height: number): string {
  const scale = PREVIEW_EDGE / Math.max(width, height);
  const w = Math.max(64, Math.round(width * scale));
  const h = Math.max(64, Math.round(height * scale));
  const { rgb } = renderLocalPixels({ model, prompt, seed, width: w, height: h });
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
    rgba[j + 3] = 255;
  }
  return toBase64(rgbaToThumbHash(w, h, rgba));
}

/** The placeholder of a provider's image (PNG or JPEG), or undefined when it cannot be decoded here. */
export function imagePlaceholder(bytes: Uint8Array, format: string): string | undefined {
  const decoded = decodeImage(bytes, format);
  if (!decoded) return undefined;
  const small = shrink(decoded, PREVIEW_EDGE);
  return toBase64(rgbaToThumbHash(small.width, small.height, small.rgba));
}
