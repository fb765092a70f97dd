/** The advanced settings of the prompt box: negative prompt, steps, guidance and seed, as the model supports them. */
import { GENERATION_LIMITS, type ModelInfo } from "@pixorly/core";
import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "../i18n/localize.js";
import { visibleFields, type FieldErrors, type FormValues } from "./generation-form.js";
import { numberField, textField } from "./prompt-box.fields.js";

export interface AdvancedView {
  model: ModelInfo;
  values: FormValues;
  errors: FieldErrors;
  readonly: boolean;
  edit: (change: Partial<FormValues>, field: keyof FieldErrors) => void;
  /** The saved presets, when the user has any place to keep them. */
  presets: TemplateResult | typeof nothing;
}

const defaultHint = (value: number | undefined) =>
  value === undefined ? msg("Model default") : msg(str`Default ${value}`);

export function renderAdvanced({ model, values, errors, readonly, edit, presets }: AdvancedView): TemplateResult {
  const shown = visibleFields(model, "advanced");
  const { steps, guidance } = model.supports;
  return html`
    <div class="advanced" part="advanced">
      ${
        shown.negativePrompt
          ? textField({
              id: "negative-prompt",
              part: "negative-prompt",
              label: msg("Negative prompt"),
              value: values.negativePrompt,
              maxLength: GENERATION_LIMITS.negativePrompt.maxLength,
              rows: 2,
              placeholder: msg("What to leave out"),
              readonly,
              error: errors.negativePrompt,
              onInput: (negativePrompt) => edit({ negativePrompt }, "negativePrompt"),
            })
          : nothing
      }
      <div class="numbers">
        ${
          steps
            ? numberField({
                id: "steps",
                label: msg("Steps"),
                value: values.steps,
                min: steps.min,
                max: steps.max,
                step: 1,
                placeholder: defaultHint(steps.default),
                error: errors.steps,
                onInput: (text) => edit({ steps: text }, "steps"),
              })
            : nothing
        }
        ${
          guidance
            ? numberField({
                id: "guidance",
                label: msg("Guidance"),
                value: values.guidance,
                min: guidance.min,
                max: guidance.max,
                step: 0.5,
                placeholder: defaultHint(guidance.default),
                error: errors.guidance,
                onInput: (text) => edit({ guidance: text }, "guidance"),
              })
            : nothing
        }
        ${
          shown.seed
            ? numberField({
                id: "seed",
                label: msg("Seed"),
                value: values.seed,
                min: GENERATION_LIMITS.seed.min,
                max: GENERATION_LIMITS.seed.max,
                step: 1,
                placeholder: msg("Random"),
                error: errors.seed,
                onInput: (seed) => edit({ seed }, "seed"),
                after: html`<button
                type="button"
                @click=${() => edit({ seed: String(crypto.getRandomValues(new Uint32Array(1))[0]) }, "seed")}
              >
                Randomize
              </button>`,
              })
            : nothing
        }
      </div>
      ${presets}
    </div>
  `;
}
