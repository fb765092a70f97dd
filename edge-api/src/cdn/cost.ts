/**
 * What a variant may cost, and the few sizes variants come in. Pure (no sharp), so the route
 * can refuse an unaffordable request before reading S3, and the Workers bundle can snap URLs.
 *
 * Cost is measured in "JPEG megapixel" units: encoding one output megapixel as JPEG costs 1
 * (≈ 40 ms of one core for a noisy 1024² image on the 2-vCPU bench machine); other formats
 * cost what they measured there relative to it (PNG 2, WebP 6, AVIF at effort ≤ 2: 20). Decoding
 * the source costs half a unit per source megapixel. A variant above `MAX_VARIANT_COST` (≈ 1.3 s
 * of one core) is refused with 422: e.g. AVIF up to ~1.5 MP (1024×1536), WebP up to ~5 MP
 * (2048²), JPEG up to 4096². `f=auto` instead falls back to the best affordable format it may
 * answer with (`firstAffordable`).
 */
import type { OutputFormat, TransformParams } from "./transform-params";

/** Per output megapixel, relative to JPEG. */
export const FORMAT_COST: Readonly<Record<OutputFormat, number>> = { jpeg: 1, png: 2, webp: 6, avif: 20 };
/** Per source megapixel decoded. */
export const DECODE_COST = 0.5;
export const MAX_VARIANT_COST = 32;
/** AVIF encoder effort (sharp's 0–9, default 4): at 4 one 1024² image took 12 s here, at 2 under 1 s. */
export const AVIF_EFFORT = 2;

/**
 * Widths and heights a variant is made at: a requested size is rounded UP to the next step
 * (never a blurrier image than asked for), so one image has at most 24 sizes per side. Steps
 * are ≤ 25 % apart from 128 up.
 */
export const DIMENSION_STEPS = [
  16, 32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048, 2560, 3072,
  4096,
] as const;

export function snapDimension(value: number): number {
  return DIMENSION_STEPS.find((step) => step >= value) ?? DIMENSION_STEPS[DIMENSION_STEPS.length - 1]!;
}

/** The transform with `w` and `h` on their steps: the variant that is made, cached and signed. */
export function snapTransform(params: TransformParams): TransformParams {
  if (params.w === undefined && params.h === undefined) return params;
  return {
    ...params,
    ...(params.w !== undefined ? { w: snapDimension(params.w) } : {}),
    ...(params.h !== undefined ? { h: snapDimension(params.h) } : {}),
  };
}

export interface Size {
  width: number;
  height: number;
}

/** The output size sharp makes for `params` from a `source` (already oriented) of this size. */
export function outputSize(params: TransformParams, source: Size): Size {
  const { w, h } = params;
  if (w === undefined && h === undefined) return source;
  if (w !== undefined && h !== undefined) {
    const fit = params.fit ?? "cover";
    if (fit === "cover" || fit === "fill" || fit === "contain") return { width: w, height: h };
    const scale = (fit === "inside" ? Math.min : Math.max)(w / source.width, h / source.height);
    return {
      width: Math.max(1, Math.round(source.width * scale)),
      height: Math.max(1, Math.round(source.height * scale)),
    };
  }
  const scale = w !== undefined ? w / source.width : h! / source.height;
  return {
    width: Math.max(1, Math.round(source.width * scale)),
    height: Math.max(1, Math.round(source.height * scale)),
  };
}

export function variantCost(output: Size, format: OutputFormat, source?: Size): number {
  const decode = source ? ((source.width * source.height) / 1e6) * DECODE_COST : 0;
  return decode + ((output.width * output.height) / 1e6) * FORMAT_COST[format];
}

/**
 * A lower bound of the cost known before the source is read: when both sides are given and the
 * fit fills the box (`cover`, `fill`, `contain`; `outside` only grows it), the output is at least w×h.
 */
export function knownMinimumCost(params: TransformParams, format: OutputFormat | undefined): number {
  if (params.w === undefined || params.h === undefined || params.fit === "inside" || !format) return 0;
  // `f=auto` may fall back to JPEG, the cheapest: only what even JPEG cannot afford is refused early.
  return variantCost({ width: params.w, height: params.h }, params.f === "auto" ? "jpeg" : format);
}

/** The first of `formats` (best first) whose cost is within the ceiling, or null when none is. */
export function firstAffordable(formats: readonly OutputFormat[], output: Size, source: Size): OutputFormat | null {
  return formats.find((format) => variantCost(output, format, source) <= MAX_VARIANT_COST) ?? null;
}

export class VariantTooCostlyError extends Error {
  constructor(readonly cost: number) {
    super(
      `This variant is too expensive to make (cost ${cost.toFixed(1)}, limit ${MAX_VARIANT_COST}: output megapixels × format effort, ` +
        `AVIF ${FORMAT_COST.avif}, WebP ${FORMAT_COST.webp}, PNG ${FORMAT_COST.png}, JPEG ${FORMAT_COST.jpeg}). Ask for a smaller size or a cheaper format.`,
    );
    this.name = "VariantTooCostlyError";
  }
}

/** Throws `VariantTooCostlyError` above the ceiling. */
export function assertAffordable(cost: number): void {
  if (cost > MAX_VARIANT_COST) throw new VariantTooCostlyError(cost);
}
