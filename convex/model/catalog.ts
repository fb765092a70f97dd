/** The model catalog: built-in local models (always present). OpenRouter models join through the sync action. */
import type { ModelInfo } from "@pixorly/core";
import { localModels } from "@pixorly/local-models";

export function builtInModels(): ModelInfo[] {
  return localModels.map((m) => ({
    id: m.id,
    name: m.name,
    provider: "local",
    description: m.description,
    costPerImageCredits: m.costPerImageCredits,
    estimatedMs: m.estimatedMs,
    minWidth: m.minWidth,
    maxWidth: m.maxWidth,
    minHeight: m.minHeight,
    maxHeight: m.maxHeight,
    // Local renders are cheap, so several images per job are fine.
    supports: { ...m.supports, numImages: { min: 1, max: 4, default: 1 } },
  }));
}

export function findModel(id: string): ModelInfo | null {
  return builtInModels().find((m) => m.id === id) ?? null;
}
