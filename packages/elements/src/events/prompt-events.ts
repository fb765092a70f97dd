/**
 * The events of the controls (prompt box, model picker), typed once (issue 18). The studio listens for
 * them on itself, so a prompt box or picker slotted in by the page is heard like the built-in ones.
 */
import type { GenerationRequest, ModelInfo } from "@pixorly/core";
import type { AccountPreset } from "../client/api.js";
import type { PresetSettings } from "../prompt-box/account-presets.js";
import type { PromptBoxMode, PromptRun } from "../prompt-box/generation-form.js";

/** `pixorly-submit`: the form is valid and was submitted. */
export interface PromptSubmitDetail {
  /** The request (for the first model in comparison mode); pass it to `jobs:create` with the key. */
  request: GenerationRequest;
  idempotencyKey: string;
  /** One entry per model: a single one, or one per compared model. */
  runs: PromptRun[];
}

/** `pixorly-settings-change`: the person changed the model's settings (not the prompt). */
export type SettingsChangeDetail = PresetSettings & { mode: PromptBoxMode };

/** `pixorly-preset-applied`: a saved preset was applied; `otherModel` when it was saved with another model than the one shown. */
export interface PresetAppliedDetail {
  preset: AccountPreset;
  otherModel: boolean;
}

/** `pixorly-model-change`: one model was chosen, or (comparison mode) the set of compared models changed. */
export type ModelChangeDetail = { value: string; model: ModelInfo } | { values: string[]; models: ModelInfo[] };

export interface PromptEvents {
  "pixorly-submit": CustomEvent<PromptSubmitDetail>;
  "pixorly-settings-change": CustomEvent<SettingsChangeDetail>;
  "pixorly-preset-applied": CustomEvent<PresetAppliedDetail>;
  "pixorly-model-change": CustomEvent<ModelChangeDetail>;
}
