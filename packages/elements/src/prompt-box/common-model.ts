import { sizeMultipleOf, type AspectRatio, type ModelInfo, type ParameterRange } from "@pixorly/core";

/** What a model without `supports.numImages` accepts: one image per request. */
const ONE_IMAGE: ParameterRange = { min: 1, max: 1, default: 1 };

/**
 * One `ModelInfo` that stands for several models compared on one prompt: it supports
 * only what every model supports (the narrowest sizes and ranges, the shared aspect
 * ratios) and costs what all of them cost together, so the prompt box can offer the
 * inputs, sizes and cost estimate that hold for every job it will create.
 * Each model's own request is still validated against that model on submit.
 */
export function commonModel(models: readonly [ModelInfo, ...ModelInfo[]]): ModelInfo {
  const [first] = models;
  if (models.length === 1) return first;
  const listed = models.filter((model) => model.aspectRatios).map((model) => model.aspectRatios!);
  const numImages = commonRange(models.map((model) => model.supports.numImages ?? ONE_IMAGE));
  return {
    ...first,
    name: models.map((model) => model.name).join(", "),
    costPerImageCredits: models.reduce((sum, model) => sum + model.costPerImageCredits, 0),
    estimatedMs: Math.max(...models.map((model) => model.estimatedMs)),
    minWidth: Math.max(...models.map((model) => model.minWidth)),
    maxWidth: Math.min(...models.map((model) => model.maxWidth)),
    minHeight: Math.max(...models.map((model) => model.minHeight)),
    maxHeight: Math.min(...models.map((model) => model.maxHeight)),
    sizeMultiple: models.map(sizeMultipleOf).reduce(leastCommonMultiple),
    aspectRatios: listed.length > 0 ? sharedRatios(listed) : undefined,
    supports: {
      negativePrompt: models.every((model) => model.supports.negativePrompt),
      seed: models.every((model) => model.supports.seed),
      steps: commonRange(models.map((model) => model.supports.steps)),
      guidance: commonRange(models.map((model) => model.supports.guidance)),
      numImages: numImages && numImages.max > 1 ? numImages : undefined,
    },
  };
}

function commonRange(ranges: readonly (ParameterRange | undefined)[]): ParameterRange | undefined {
  if (ranges.some((range) => !range)) return undefined;
  const all = ranges as readonly ParameterRange[];
  const min = Math.max(...all.map((range) => range.min));
  const max = Math.min(...all.map((range) => range.max));
  if (min > max) return undefined;
  const defaults = new Set(all.map((range) => range.default));
  const [sharedDefault] = defaults;
  // A default is kept only when every model has the same one: otherwise "model default" means different things.
  return defaults.size === 1 && sharedDefault !== undefined ? { min, max, default: sharedDefault } : { min, max };
}

function sharedRatios(lists: readonly AspectRatio[][]): AspectRatio[] {
  return lists.reduce((shared, list) => shared.filter((ratio) => list.includes(ratio)));
}

function leastCommonMultiple(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}
