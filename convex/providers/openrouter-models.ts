/**
 * Reads OpenRouter's image model list (`GET {base}/models?output_modalities=image`,
 * https://openrouter.ai/docs/guides/overview/models) into Pixorly's `ModelInfo`.
 * One odd entry must not hide the rest of the catalog, so entries that do not fit
 * `modelInfoSchema` are skipped, never thrown.
 */
import {
  ASPECT_RATIOS,
  GENERATION_LIMITS,
  modelInfoSchema,
  usdToCredits,
  type ImageOperation,
  type ModelInfo,
} from "@pixorly/core";
import { isRecord, readAnswer } from "./openrouter-errors";

/** OpenRouter does not publish generation times; a hint for progress bars until we measure. */
const DEFAULT_ESTIMATED_MS = 15_000;
const DESCRIPTION_MAX = 1_000;

/**
 * `supported_parameters` is a list of names on `/models`, and a map of name →
 * descriptor (`{ type: "enum", values }`) on the Image API's model list; accept both.
 */
function parameterNames(supported: unknown): Set<string> {
  if (Array.isArray(supported)) return new Set(supported.filter((name): name is string => typeof name === "string"));
  return new Set(isRecord(supported) ? Object.keys(supported) : []);
}

function listedAspectRatios(entry: Record<string, unknown>): ModelInfo["aspectRatios"] {
  const supported = entry.supported_parameters;
  const descriptor = isRecord(supported) ? supported.aspect_ratio : undefined;
  const values = isRecord(descriptor) && Array.isArray(descriptor.values) ? descriptor.values : undefined;
  if (!values) return undefined;
  // Keep the ratios Pixorly offers; OpenRouter also lists ones like "auto" and "9:19.5".
  const ratios = ASPECT_RATIOS.filter((ratio) => values.includes(ratio));
  return ratios.length > 0 ? ratios : undefined;
}

/**
 * Whether the model takes images as input (`architecture.input_modalities` includes "image"). Such
 * chat models edit from an image and a prompt; masks are not part of their API, so inpainting,
 * upscaling and background removal are not claimed for them.
 */
function takesImages(entry: Record<string, unknown>): boolean {
  const architecture = entry.architecture;
  const modalities = isRecord(architecture) ? architecture.input_modalities : undefined;
  return Array.isArray(modalities) && modalities.includes("image");
}

/** Per-image price: `pricing.image`, else `pricing.completion`, as decimal USD strings. */
function priceInCredits(pricing: unknown): number | undefined {
  if (!isRecord(pricing)) return undefined;
  const usd = [pricing.image, pricing.completion].find((price) => typeof price === "string" && price !== "");
  if (typeof usd !== "string") return undefined;
  try {
    return usdToCredits(usd);
  } catch {
    return undefined;
  }
}

/** One list entry as ModelInfo, or undefined when it does not fit. Only parameters this provider sends are claimed. */
export function modelInfoFromEntry(entry: unknown): ModelInfo | undefined {
  if (!isRecord(entry)) return undefined;
  const costPerImageCredits = priceInCredits(entry.pricing);
  if (costPerImageCredits === undefined) return undefined;
  const names = parameterNames(entry.supported_parameters);
  const { dimension, numImages } = GENERATION_LIMITS;
  const candidate = {
    id: entry.id,
    name: entry.name,
    provider: "openrouter",
    description: typeof entry.description === "string" ? entry.description.slice(0, DESCRIPTION_MAX) : undefined,
    costPerImageCredits,
    estimatedMs: DEFAULT_ESTIMATED_MS,
    minWidth: dimension.min,
    maxWidth: dimension.max,
    minHeight: dimension.min,
    maxHeight: dimension.max,
    aspectRatios: listedAspectRatios(entry),
    supports: {
      negativePrompt: names.has("negative_prompt"),
      seed: names.has("seed"),
      numImages: names.has("n") ? { min: numImages.min, max: numImages.max } : undefined,
      imageInput: takesImages(entry)
        ? { operations: ["img2img", "variations"] as ImageOperation[], maxImages: 1 }
        : undefined,
    },
  };
  const parsed = modelInfoSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Fetches the image model catalog. Throws a ProviderError only when the list itself cannot be had. */
export async function syncModels(fetchFn: typeof fetch, base: string, key: string): Promise<ModelInfo[]> {
  const url = `${base.replace(/\/+$/, "")}/models?output_modalities=image`;
  const response = await fetchFn(url, { headers: { Authorization: `Bearer ${key}` } });
  const answer = await readAnswer(response);
  const entries = Array.isArray(answer.data) ? answer.data : [];
  return entries.map(modelInfoFromEntry).filter((model): model is ModelInfo => model !== undefined);
}
