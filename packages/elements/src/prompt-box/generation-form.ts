/**
 * The prompt box's form: its values, how they become a generation request for a
 * model, how core's validation of it maps to the inputs. No DOM here.
 */
import {
  matchesAspectRatio,
  sizeMultipleOf,
  validateGenerationRequest,
  type GenerationInput,
  type GenerationRequest,
  type ModelInfo,
  type ParameterRange,
} from "@pixorly/core";
import { CUSTOM_SIZE_ID, customSizeProblem, optionForSize, type SizeOption } from "./size-options.js";

export type PromptBoxMode = "basic" | "advanced";

/** One job to create: the request for one model and the key that makes retrying it safe. */
export interface PromptRun {
  model: ModelInfo;
  request: GenerationRequest;
  idempotencyKey: string;
}

/** What the inputs hold. Number inputs keep their text: '' means "the model's default". */
export interface FormValues {
  prompt: string;
  negativePrompt: string;
  /** A size option's id, or `custom` for the typed width and height below. */
  sizeId: string;
  /** The custom size's inputs, as typed. */
  customWidth: string;
  customHeight: string;
  steps: string;
  guidance: string;
  seed: string;
  numImages: number;
}

/** The inputs a message can be shown next to; `form` is the message above the submit button. */
export type FormField = "prompt" | "negativePrompt" | "size" | "steps" | "guidance" | "seed" | "numImages" | "form";

export type FieldErrors = Partial<Record<FormField, string>>;

export const EMPTY_VALUES: FormValues = {
  prompt: "",
  negativePrompt: "",
  sizeId: "",
  customWidth: "",
  customHeight: "",
  steps: "",
  guidance: "",
  seed: "",
  numImages: 1,
};

/** Which optional inputs a model (and the mode) shows. */
export function visibleFields(model: ModelInfo, mode: PromptBoxMode) {
  const advanced = mode === "advanced";
  return {
    negativePrompt: advanced && model.supports.negativePrompt,
    steps: advanced && model.supports.steps !== undefined,
    guidance: advanced && model.supports.guidance !== undefined,
    seed: advanced && model.supports.seed,
    numImages: (model.supports.numImages?.max ?? 1) > 1,
  };
}

/**
 * Fits the values to a (new) model: what it cannot take is dropped, the size falls
 * back to the first one it offers, the image count into its range. The prompt stays.
 */
export function fitValues(values: FormValues, model: ModelInfo, sizes: readonly SizeOption[]): FormValues {
  const { supports } = model;
  const images = supports.numImages ?? { min: 1, max: 1 };
  return {
    prompt: values.prompt,
    negativePrompt: supports.negativePrompt ? values.negativePrompt : "",
    sizeId:
      values.sizeId === CUSTOM_SIZE_ID || sizes.some((size) => size.id === values.sizeId)
        ? values.sizeId
        : (sizes[0]?.id ?? ""),
    customWidth: values.customWidth,
    customHeight: values.customHeight,
    steps: keepWithin(values.steps, supports.steps),
    guidance: keepWithin(values.guidance, supports.guidance),
    seed: supports.seed ? values.seed : "",
    numImages: Math.min(images.max, Math.max(images.min, values.numImages)),
  };
}

/** The request the values describe, before validation (hidden inputs are left out). */
export function requestFrom(values: FormValues, model: ModelInfo, sizes: readonly SizeOption[], mode: PromptBoxMode) {
  const shown = visibleFields(model, mode);
  const size =
    values.sizeId === CUSTOM_SIZE_ID
      ? { width: Number(values.customWidth.trim() || 0), height: Number(values.customHeight.trim() || 0) }
      : sizes.find((option) => option.id === values.sizeId);
  const parameters: Record<string, number> = {};
  // A missing size is sent as 0 so validation names the size input rather than failing silently.
  parameters.width = size?.width ?? 0;
  parameters.height = size?.height ?? 0;
  if (shown.steps && values.steps !== "") parameters.steps = Number(values.steps);
  if (shown.guidance && values.guidance !== "") parameters.guidance = Number(values.guidance);
  if (shown.seed && values.seed !== "") parameters.seed = Number(values.seed);
  if (shown.numImages) parameters.numImages = values.numImages;
  return {
    prompt: values.prompt,
    ...(shown.negativePrompt && values.negativePrompt.trim() !== "" ? { negativePrompt: values.negativePrompt } : {}),
    model: model.id,
    parameters,
  };
}

/** The input a core field path (`parameters.steps`) is shown at. */
export function fieldOf(path: string): FormField {
  switch (path) {
    case "prompt":
    case "negativePrompt":
      return path;
    case "parameters":
    case "parameters.width":
    case "parameters.height":
      return "size";
    case "parameters.steps":
      return "steps";
    case "parameters.guidance":
      return "guidance";
    case "parameters.seed":
      return "seed";
    case "parameters.numImages":
      return "numImages";
    default:
      return "form";
  }
}

/**
 * One valid request per model (each checked by core against its own model), or the
 * messages per input, the first per input, when the form is not valid for every model.
 */
export function checkForm(
  values: FormValues,
  models: readonly ModelInfo[],
  common: ModelInfo,
  sizes: readonly SizeOption[],
  mode: PromptBoxMode,
  input?: GenerationInput,
): { requests: Omit<PromptRun, "idempotencyKey">[] | null; errors: FieldErrors } {
  // The image to start from (issue 16) goes into the request as core checks it: with it, some operations need no prompt.
  const candidate = { ...requestFrom(values, common, sizes, mode), ...(input ? { input } : {}) };
  const errors: FieldErrors = {};
  // Empty or fractional custom sides are named here; core then checks the numbers against each model.
  if (values.sizeId === CUSTOM_SIZE_ID)
    errors.size = customSizeProblem(values.customWidth, values.customHeight, common);
  const requests = [];
  for (const model of models) {
    const result = validateGenerationRequest({ ...candidate, model: model.id }, model);
    if (result.ok) requests.push({ model, request: result.request });
    else for (const issue of result.issues) errors[shownField(fieldOf(issue.field), common, mode)] ??= issue.message;
  }
  if (errors.size === undefined) delete errors.size;
  return { requests: Object.keys(errors).length === 0 ? requests : null, errors };
}

/** The input a message goes to: the form itself when that input is not on screen. */
export function shownField(field: FormField, model: ModelInfo, mode: PromptBoxMode): FormField {
  if (field === "prompt" || field === "size" || field === "form") return field;
  return visibleFields(model, mode)[field] ? field : "form";
}

/** Values a saved preset sets, matched to what the model offers. */
export function valuesFromPreset(
  values: FormValues,
  preset: {
    negativePrompt?: string;
    parameters: Partial<Record<"width" | "height" | "steps" | "guidance" | "seed" | "numImages", number>>;
  },
  model: ModelInfo,
  sizes: readonly SizeOption[],
): FormValues {
  const { width, height, steps, guidance, seed, numImages } = preset.parameters;
  const text = (value: number | undefined) => (value === undefined ? "" : String(value));
  const given = width !== undefined && height !== undefined;
  const exact = given ? sizes.find((option) => option.width === width && option.height === height) : undefined;
  // A size no option has exactly (an image made at 1000×600) comes back as a custom size when the
  // model can make it, else as the option of the same ratio.
  const custom = given && !exact && fitsModel({ width, height }, model);
  const size = exact ?? (given && !custom ? optionForSize(sizes, { width, height }) : undefined);
  return fitValues(
    {
      prompt: values.prompt,
      negativePrompt: preset.negativePrompt ?? "",
      sizeId: custom ? CUSTOM_SIZE_ID : (size?.id ?? values.sizeId),
      customWidth: custom ? text(width) : values.customWidth,
      customHeight: custom ? text(height) : values.customHeight,
      steps: text(steps),
      guidance: text(guidance),
      seed: text(seed),
      numImages: numImages ?? values.numImages,
    },
    model,
    sizes,
  );
}

function fitsModel(size: { width: number; height: number }, model: ModelInfo): boolean {
  const multiple = sizeMultipleOf(model);
  return (
    size.width >= model.minWidth &&
    size.width <= model.maxWidth &&
    size.height >= model.minHeight &&
    size.height <= model.maxHeight &&
    size.width % multiple === 0 &&
    size.height % multiple === 0 &&
    (!model.aspectRatios || model.aspectRatios.some((ratio) => matchesAspectRatio(size, ratio)))
  );
}

function keepWithin(text: string, range: ParameterRange | undefined): string {
  if (!range || text === "") return "";
  const value = Number(text);
  return value >= range.min && value <= range.max ? text : "";
}

/** A fresh idempotency key; `randomUUID` needs a secure context, which a partner's page may not be. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
