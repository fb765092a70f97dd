import * as z from "zod/mini";
import { GENERATION_LIMITS } from "./limits";

/** Aspect ratios that sizes are offered in (the set image providers commonly accept). */
export const ASPECT_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export const aspectRatioSchema = z.enum(ASPECT_RATIOS);

/**
 * How far (relative) a size may stray from a ratio and still count as that ratio: sizes are
 * rounded to a multiple of 8, so 21:9 at a 64 px short edge is 152×64, 1.8% off.
 */
export const ASPECT_RATIO_TOLERANCE = 0.02;

export interface ImageSize {
  width: number;
  height: number;
}

/** Splits "16:9" into its two terms. */
export function parseAspectRatio(ratio: AspectRatio): ImageSize {
  if (!aspectRatioSchema.safeParse(ratio).success) {
    throw new RangeError(`Unknown aspect ratio ${JSON.stringify(ratio)}; expected one of ${ASPECT_RATIOS.join(", ")}`);
  }
  const [width, height] = ratio.split(":").map(Number) as [number, number];
  return { width, height };
}

export interface SizeOptions {
  /** Length of the longer side in pixels (default 1024). */
  longEdge?: number;
  /** Both sides are rounded to a multiple of this (default 8). */
  multiple?: number;
}

/** The width and height for an aspect ratio, e.g. "16:9" → 1024×576. */
export function sizeForAspectRatio(ratio: AspectRatio, options: SizeOptions = {}): ImageSize {
  const { min, max, defaultMultiple } = GENERATION_LIMITS.dimension;
  const longEdge = options.longEdge ?? 1024;
  const multiple = options.multiple ?? defaultMultiple;
  if (!Number.isInteger(multiple) || multiple < 1) {
    throw new RangeError(`multiple must be a positive integer, got ${multiple}`);
  }
  if (!Number.isInteger(longEdge) || longEdge < min || longEdge > max || longEdge % multiple !== 0) {
    throw new RangeError(`longEdge must be a multiple of ${multiple} from ${min} to ${max}, got ${longEdge}`);
  }
  const terms = parseAspectRatio(ratio);
  const shortTerm = Math.min(terms.width, terms.height);
  const longTerm = Math.max(terms.width, terms.height);
  const smallestShort = Math.ceil(min / multiple) * multiple;
  const shortEdge = Math.max(smallestShort, Math.round((longEdge * shortTerm) / longTerm / multiple) * multiple);
  return terms.width >= terms.height ? { width: longEdge, height: shortEdge } : { width: shortEdge, height: longEdge };
}

/** Whether a size has the given aspect ratio, allowing for rounding to a multiple of 8. */
export function matchesAspectRatio(size: ImageSize, ratio: AspectRatio): boolean {
  const terms = parseAspectRatio(ratio);
  const wanted = terms.width / terms.height;
  return Math.abs(size.width / size.height - wanted) / wanted <= ASPECT_RATIO_TOLERANCE;
}

/** The offered aspect ratio nearest to a size (by the log of the ratio, so 2:1 and 1:2 are equally far from 1:1). */
export function closestAspectRatio(size: ImageSize): AspectRatio {
  const actual = Math.log(size.width / size.height);
  let best: AspectRatio = "1:1";
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ratio of ASPECT_RATIOS) {
    const terms = parseAspectRatio(ratio);
    const distance = Math.abs(Math.log(terms.width / terms.height) - actual);
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

export const SIZE_PRESET_IDS = ["square", "portrait", "landscape"] as const;
export type SizePresetId = (typeof SIZE_PRESET_IDS)[number];

export interface SizePreset extends ImageSize {
  id: SizePresetId;
  label: string;
  aspectRatio: AspectRatio;
}

export const SIZE_PRESETS: readonly SizePreset[] = [
  { id: "square", label: "Square", aspectRatio: "1:1", ...sizeForAspectRatio("1:1") },
  { id: "portrait", label: "Portrait", aspectRatio: "3:4", ...sizeForAspectRatio("3:4") },
  { id: "landscape", label: "Landscape", aspectRatio: "4:3", ...sizeForAspectRatio("4:3") },
];

export function getSizePreset(id: SizePresetId): SizePreset {
  const preset = SIZE_PRESETS.find((candidate) => candidate.id === id);
  if (!preset)
    throw new RangeError(`Unknown size preset ${JSON.stringify(id)}; expected one of ${SIZE_PRESET_IDS.join(", ")}`);
  return preset;
}
