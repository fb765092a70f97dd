/**
 * The local models working from an input image (issue 16), deterministically and in pure
 * JavaScript: the caller decodes the source (and mask) to raw pixels of the output's size; this
 * module renders the procedural style for the prompt and seed, recolours it with the source's
 * palette (each channel's mean and spread moved to the source's), and blends:
 * - img2img / variations: the source's layout shows through by `1 − strength` (variations default
 *   to a light touch, img2img to a stronger one);
 * - inpaint: the recoloured render replaces the source where the mask is white, blended by the
 *   mask's grey levels (a feathered mask gives a soft edge), and the source is kept where it is black.
 */
import { renderLocalPixels, type LocalPixels, type LocalRenderRequest } from "./models";

export type LocalInputOperation = "img2img" | "variations" | "inpaint";

export const DEFAULT_STRENGTH: Readonly<Record<Exclude<LocalInputOperation, "inpaint">, number>> = {
  img2img: 0.6,
  variations: 0.35,
};

export interface LocalInputRequest extends LocalRenderRequest {
  operation: LocalInputOperation;
  /** The source as 8-bit RGB rows, already `width`×`height`. */
  source: Uint8Array;
  /** Inpaint only: one byte per pixel, `width`×`height`, 255 = repaint, 0 = keep. */
  mask?: Uint8Array;
  /** img2img / variations: 0 = the source as is, 1 = the recoloured render alone. */
  strength?: number;
}

export function renderLocalPixelsFromInput(request: LocalInputRequest): LocalPixels {
  const { width, height, source, mask, operation } = request;
  const pixels = width * height;
  if (source.length !== pixels * 3)
    throw new RangeError(`source must hold ${width}×${height} RGB pixels (${pixels * 3} bytes), got ${source.length}`);
  if (operation === "inpaint" && (!mask || mask.length !== pixels))
    throw new RangeError(`inpainting needs a mask of ${width}×${height} bytes`);
  const render = renderLocalPixels(request).rgb;
  const recoloured = matchPalette(render, source);
  const out = new Uint8Array(pixels * 3);
  if (operation === "inpaint") {
    for (let p = 0; p < pixels; p++) {
      const m = mask![p]! / 255;
      for (let c = 0; c < 3; c++) {
        const i = p * 3 + c;
        out[i] = Math.round(source[i]! * (1 - m) + recoloured[i]! * m);
      }
    }
  } else {
    const t = clamp01(request.strength ?? DEFAULT_STRENGTH[operation]);
    for (let i = 0; i < out.length; i++) out[i] = Math.round(source[i]! * (1 - t) + recoloured[i]! * t);
  }
  return { width, height, rgb: out };
}

/** `render` with each channel's mean and standard deviation moved to `source`'s (a simple colour transfer). */
function matchPalette(render: Uint8Array, source: Uint8Array): Float32Array {
  const r = stats(render);
  const s = stats(source);
  const out = new Float32Array(render.length);
  for (let i = 0; i < render.length; i++) {
    const c = i % 3;
    const scale = r.std[c]! > 1e-3 ? s.std[c]! / r.std[c]! : 0;
    out[i] = Math.min(255, Math.max(0, (render[i]! - r.mean[c]!) * scale + s.mean[c]!));
  }
  return out;
}

function stats(rgb: Uint8Array) {
  const n = rgb.length / 3;
  const sum = [0, 0, 0];
  const squares = [0, 0, 0];
  for (let i = 0; i < rgb.length; i++) {
    sum[i % 3]! += rgb[i]!;
    squares[i % 3]! += rgb[i]! * rgb[i]!;
  }
  const mean = sum.map((v) => v / n);
  const std = squares.map((v, c) => Math.sqrt(Math.max(0, v / n - mean[c]! * mean[c]!)));
  return { mean, std };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
