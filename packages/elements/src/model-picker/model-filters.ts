/** Narrowing the model list by price, speed and what a model supports. No DOM here. */
import type { ModelInfo } from "@pixorly/core";
import { msg } from "../i18n/localize.js";

export interface Capability {
  id: "negativePrompt" | "seed" | "steps" | "guidance" | "numImages";
  /** In the page's language, read when shown (a getter, so it follows a language switch). */
  readonly label: string;
  has: (model: ModelInfo) => boolean;
}

export const CAPABILITIES: readonly Capability[] = [
  {
    id: "negativePrompt",
    get label() {
      return msg("Negative prompt");
    },
    has: (model) => model.supports.negativePrompt,
  },
  {
    id: "seed",
    get label() {
      return msg("Seed");
    },
    has: (model) => model.supports.seed,
  },
  {
    id: "steps",
    get label() {
      return msg("Steps");
    },
    has: (model) => model.supports.steps !== undefined,
  },
  {
    id: "guidance",
    get label() {
      return msg("Guidance");
    },
    has: (model) => model.supports.guidance !== undefined,
  },
  {
    id: "numImages",
    get label() {
      return msg("Several images");
    },
    has: (model) => (model.supports.numImages?.max ?? 1) > 1,
  },
];

/** The speed choices, in milliseconds per image: "under 1 s" and so on. */
export const SPEED_LIMITS_MS = [1_000, 5_000, 15_000, 30_000] as const;

export interface ModelFilters {
  /** Highest cost per image in credits; null for any. */
  maxCredits: number | null;
  /** Slowest estimate per image in ms; null for any. */
  maxMs: number | null;
  capabilities: readonly Capability["id"][];
}

export const NO_FILTERS: ModelFilters = { maxCredits: null, maxMs: null, capabilities: [] };

/** How many filters are set (for the "Filters (2)" label). */
export function activeFilterCount(filters: ModelFilters): number {
  return (filters.maxCredits === null ? 0 : 1) + (filters.maxMs === null ? 0 : 1) + filters.capabilities.length;
}

/** The price choices: each distinct cost per image among the models, cheapest first. */
export function priceLimits(models: readonly ModelInfo[]): number[] {
  return [...new Set(models.map((model) => model.costPerImageCredits))].sort((a, b) => a - b);
}

/** The time one image takes: the studio's live estimate when it has one, else the catalog's. */
export function speedOf(model: ModelInfo, estimates: Readonly<Record<string, number>>): number {
  return estimates[model.id] ?? model.estimatedMs;
}

export function filterModels(
  models: readonly ModelInfo[],
  filters: ModelFilters,
  estimates: Readonly<Record<string, number>>,
): ModelInfo[] {
  const wanted = CAPABILITIES.filter((capability) => filters.capabilities.includes(capability.id));
  return models.filter(
    (model) =>
      (filters.maxCredits === null || model.costPerImageCredits <= filters.maxCredits) &&
      (filters.maxMs === null || speedOf(model, estimates) <= filters.maxMs) &&
      wanted.every((capability) => capability.has(model)),
  );
}
