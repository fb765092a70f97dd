import {
  SIZE_PRESETS,
  matchesAspectRatio,
  sizeForAspectRatio,
  sizeMultipleOf,
  type AspectRatio,
  type ImageSize,
  type ModelInfo,
} from "@pixorly/core";
import { msg, str } from "../i18n/localize.js";

/** One size the prompt box offers for a model. */
export interface SizeOption extends ImageSize {
  /** `square`, `portrait`, `landscape` (core's presets) or `ratio-16:9` for the other ratios. */
  id: string;
  /** What the chip says: the ratio ("16:9"). */
  label: string;
  /**
   * What the ratio is for, in words ("Widescreen"), for the chip's title and screen readers; read at
   * render time (a getter): the options are worked out once per model, the name follows the language.
   */
  readonly name: string;
  aspectRatio: AspectRatio;
}

/** The id of the "Custom" choice, whose width and height the person types. */
export const CUSTOM_SIZE_ID = "custom";

/** The longer side offered when the model allows it (the size core's presets use). */
const PREFERRED_LONG_EDGE = 1024;

/** The ratios offered to every model that takes them, in this order, after core's three presets. */
const COMMON_RATIOS: readonly AspectRatio[] = ["16:9", "9:16", "3:2", "2:3"];

/** Each ratio's name in the page's language (core's presets' names are English: "Square"). */
function ratioName(ratio: AspectRatio): string {
  const names: Partial<Record<AspectRatio, string>> = {
    "1:1": msg("Square"),
    "3:4": msg("Portrait"),
    "4:3": msg("Landscape"),
    "16:9": msg("Widescreen"),
    "9:16": msg("Story"),
    "3:2": msg("Photo"),
    "2:3": msg("Poster"),
    "4:5": msg("Social portrait"),
    "5:4": msg("Print"),
    "21:9": msg("Cinema"),
  };
  return names[ratio] ?? ratio;
}

/**
 * The sizes `model` accepts: core's Square (1:1), Portrait (3:4) and Landscape (4:3) presets,
 * then 16:9, 9:16, 3:2 and 2:3, then any further ratio the model lists. A model with an
 * `aspectRatios` list gets only those. Every size respects the model's size limits and multiple;
 * a ratio the model cannot make is left out. (The custom size is offered beside these.)
 */
export function sizeOptionsFor(model: ModelInfo): SizeOption[] {
  const multiple = sizeMultipleOf(model);
  const longEdge = Math.floor(Math.min(PREFERRED_LONG_EDGE, model.maxWidth, model.maxHeight) / multiple) * multiple;
  const options: SizeOption[] = [];
  const offer = (id: string, aspectRatio: AspectRatio) => {
    if (model.aspectRatios && !model.aspectRatios.includes(aspectRatio)) return;
    if (options.some((option) => option.aspectRatio === aspectRatio)) return;
    const size = sizeWithin(model, aspectRatio, longEdge, multiple);
    if (size)
      options.push({
        id,
        label: aspectRatio,
        get name() {
          return ratioName(aspectRatio);
        },
        aspectRatio,
        ...size,
      });
  };
  for (const preset of SIZE_PRESETS) offer(preset.id, preset.aspectRatio);
  for (const ratio of COMMON_RATIOS) offer(`ratio-${ratio}`, ratio);
  for (const ratio of model.aspectRatios ?? []) offer(`ratio-${ratio}`, ratio);
  return options;
}

/** The option that best matches a size: the same pixels, else the same ratio. */
export function optionForSize(options: readonly SizeOption[], size: ImageSize): SizeOption | undefined {
  return (
    options.find((option) => option.width === size.width && option.height === size.height) ??
    options.find((option) => matchesAspectRatio(size, option.aspectRatio))
  );
}

/** What the custom size inputs accept for a model: its limits and the multiple both sides keep to. */
export function customSizeLimits(model: ModelInfo) {
  return {
    minWidth: model.minWidth,
    maxWidth: model.maxWidth,
    minHeight: model.minHeight,
    maxHeight: model.maxHeight,
    multiple: sizeMultipleOf(model),
  };
}

/**
 * Checks the custom size's text before core sees numbers: empty or not a whole number is named
 * here (core's checks then say "from 64 to 2048", "a multiple of 8", or the ratios a model takes).
 */
export function customSizeProblem(widthText: string, heightText: string, model: ModelInfo): string | undefined {
  const limits = customSizeLimits(model);
  if (!isWholeNumber(widthText)) {
    const { minWidth: min, maxWidth: max } = limits;
    return msg(str`Width must be a whole number of pixels from ${min} to ${max}.`);
  }
  if (!isWholeNumber(heightText)) {
    const { minHeight: min, maxHeight: max } = limits;
    return msg(str`Height must be a whole number of pixels from ${min} to ${max}.`);
  }
  return undefined;
}

function isWholeNumber(text: string): boolean {
  return /^\d+$/.test(text.trim());
}

function sizeWithin(model: ModelInfo, ratio: AspectRatio, longEdge: number, multiple: number): ImageSize | null {
  let size: ImageSize;
  try {
    size = sizeForAspectRatio(ratio, { longEdge, multiple });
  } catch {
    // The model's limits leave no long edge core can size this ratio at.
    return null;
  }
  const fits =
    size.width >= model.minWidth &&
    size.width <= model.maxWidth &&
    size.height >= model.minHeight &&
    size.height <= model.maxHeight;
  return fits ? size : null;
}
