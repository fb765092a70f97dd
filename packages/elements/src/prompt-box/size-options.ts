import {
  SIZE_PRESETS,
  matchesAspectRatio,
  sizeForAspectRatio,
  sizeMultipleOf,
  type AspectRatio,
  type ImageSize,
  type ModelInfo,
} from '@pixorly/core';

/** One size the prompt box offers for a model. */
export interface SizeOption extends ImageSize {
  /** `square`, `portrait`, `landscape` (core's presets) or `ratio-16:9` for a model's own ratio. */
  id: string;
  label: string;
  aspectRatio: AspectRatio;
}

/** The longer side offered when the model allows it (the size core's presets use). */
const PREFERRED_LONG_EDGE = 1024;

/**
 * The sizes `model` accepts: core's Square, Portrait and Landscape presets where the
 * model takes their ratio, then each further aspect ratio the model lists. Every size
 * respects the model's size limits and multiple; a ratio the model cannot make is left out.
 */
export function sizeOptionsFor(model: ModelInfo): SizeOption[] {
  const multiple = sizeMultipleOf(model);
  const longEdge = Math.floor(Math.min(PREFERRED_LONG_EDGE, model.maxWidth, model.maxHeight) / multiple) * multiple;
  const options: SizeOption[] = [];
  const offer = (id: string, label: string, aspectRatio: AspectRatio) => {
    if (model.aspectRatios && !model.aspectRatios.includes(aspectRatio)) return;
    if (options.some((option) => option.aspectRatio === aspectRatio)) return;
    const size = sizeWithin(model, aspectRatio, longEdge, multiple);
    if (size) options.push({ id, label, aspectRatio, ...size });
  };
  for (const preset of SIZE_PRESETS) offer(preset.id, preset.label, preset.aspectRatio);
  for (const ratio of model.aspectRatios ?? []) offer(`ratio-${ratio}`, ratio, ratio);
  return options;
}

/** The option that best matches a size: the same pixels, else the same ratio. */
export function optionForSize(options: readonly SizeOption[], size: ImageSize): SizeOption | undefined {
  return (
    options.find((option) => option.width === size.width && option.height === size.height) ??
    options.find((option) => matchesAspectRatio(size, option.aspectRatio))
  );
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
    size.width >= model.minWidth && size.width <= model.maxWidth && size.height >= model.minHeight && size.height <= model.maxHeight;
  return fits ? size : null;
}
