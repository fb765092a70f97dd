import { consume } from "@lit/context";
import {
  GENERATION_LIMITS,
  estimateCost,
  generationRequestSchema,
  pixorlyErrorDataSchema,
  type ModelInfo,
} from "@pixorly/core";
import { html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, visuallyHidden } from "../base/shared.styles.js";
import { api, type AccountPreset } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { formatCredits, formatCreditsAsUsd, formatNumber } from "../i18n/format.js";
import { msg, str } from "../i18n/localize.js";
import { showsKeyboardHints } from "../internal/keyboard-hints.js";
import { commonModel } from "./common-model.js";
import { localizedFieldMessage } from "./field-messages.js";
import {
  checkForm,
  EMPTY_VALUES,
  fieldOf,
  fitValues,
  newIdempotencyKey,
  requestFrom,
  shownField,
  valuesFromPreset,
  visibleFields,
  type FieldErrors,
  type FormField,
  type FormValues,
  type PromptBoxMode,
} from "./generation-form.js";
import { imageCountField, sizeField, textField } from "./prompt-box.fields.js";
import { renderAdvanced } from "./prompt-box.advanced.js";
import { AccountPresetsController, type PresetSettings } from "./account-presets.js";
import { RecentPromptsController } from "./recent-prompts.js";
import { ImageInputController } from "./image-input.js";
import imageInputStyles from "./image-input.styles.js";
import { PixorlyImage } from "../image/image.component.js";
import { CUSTOM_SIZE_ID, customSizeLimits, sizeOptionsFor, type SizeOption } from "./size-options.js";
import styles from "./prompt-box.styles.js";

/** What `applySettings()` takes: an image's prompt and the parameters it was made with. */
/** Settings kept from an earlier visit (no prompt). */
export type RestoredSettings = Omit<SettingsToApply, "prompt"> & { mode?: PromptBoxMode };

export interface SettingsToApply {
  prompt: string;
  negativePrompt?: string;
  parameters: Partial<Record<"width" | "height" | "steps" | "guidance" | "seed" | "numImages", number>>;
}

/** Where each input is, in the order a person meets them, for focusing the first wrong one. */
const FOCUS_ORDER: [FormField, string[]][] = [
  ["prompt", ["#prompt"]],
  ["size", ["#custom-width", 'input[name="size"]:checked', 'input[name="size"]']],
  ["numImages", ["#num-images"]],
  ["negativePrompt", ["#negative-prompt"]],
  ["steps", ["#steps"]],
  ["guidance", ["#guidance"]],
  ["seed", ["#seed"]],
];

const promptSchema = generationRequestSchema.shape.prompt;
const isMac = () => /Mac|iPhone|iPad/.test(navigator.userAgent);

/**
 * @summary The prompt and the generation settings a model supports, with a live cost estimate.
 *
 * With a client (inside the studio, or given through `clientContext`) it also offers the user's
 * recent prompts (from their account, de-duplicated: Alt+↓ in the prompt, or the "Recent
 * prompts" button) and their presets, saved to their account (under Advanced settings): save the
 * current settings under a name, apply, delete.
 *
 * @csspart form - The form around every input.
 * @csspart prompt - The prompt textarea.
 * @csspart negative-prompt - The negative prompt textarea.
 * @csspart counter - A character counter.
 * @csspart mode-toggle - The button that shows and hides the advanced settings.
 * @csspart sizes - The group of size choices.
 * @csspart size-option - One size choice.
 * @csspart advanced - The advanced settings.
 * @csspart recent-toggle - The "Recent prompts" button.
 * @csspart recent-prompts - The list of recent prompts.
 * @csspart recent-prompt - A button that fills the prompt with a recent one.
 * @csspart presets - The saved presets.
 * @csspart preset - A button that applies a saved preset.
 * @csspart field-error - A message next to an input.
 * @csspart form-error - The message above the submit button.
 * @csspart cost - The cost estimate.
 * @csspart submit - The submit button.
 * @csspart message - What is shown instead of the form when there is no model.
 * @csspart image-input - The image to start from (only for models that take one): drop zone or preview, and its settings.
 * @csspart drop-zone - Where an image is dropped (or pasted), with the file and library buttons.
 * @csspart image-file-button - "Choose a file".
 * @csspart library-button - "From library".
 * @csspart library-picker - The user's recent images to choose from.
 * @csspart image-preview - The chosen image's thumbnail, name and upload progress.
 * @csspart upload-progress - The upload's progress bar.
 * @csspart remove-image - Takes the chosen image away (or cancels its upload).
 * @csspart strength - How far the result may move from the image (image to image, variations).
 *
 * @cssproperty --pixorly-color-surface - Input background.
 * @cssproperty --pixorly-color-surface-2 - Background of the advanced settings.
 * @cssproperty --pixorly-color-border - Input borders.
 * @cssproperty --pixorly-color-text - Text colour.
 * @cssproperty --pixorly-color-muted - Hints and counters.
 * @cssproperty --pixorly-color-accent - Submit button, chosen size, focus ring.
 * @cssproperty --pixorly-color-on-accent - Text on the submit button.
 * @cssproperty --pixorly-color-danger - Validation messages.
 * @cssproperty --pixorly-radius - Corner radius.
 * @cssproperty --pixorly-space - Base spacing unit.
 *
 * @event {PromptSubmitDetail} pixorly-submit - The form is valid and was submitted (button or Ctrl/Cmd+Enter): one run per model, a fresh idempotency key per submit.
 * @event {SettingsChangeDetail} pixorly-settings-change - The size, count, negative prompt, advanced parameters or mode changed (not on typing the prompt; the studio keeps them for the next visit).
 * @event {PresetAppliedDetail} pixorly-preset-applied - A saved preset was applied (`otherModel`: it was saved with another model; the studio switches to it).
 */
export class PixorlyPromptBox extends PixorlyElement {
  static override styles = [hostStyles, focusRing, buttonStyles, visuallyHidden, styles, imageInputStyles];
  static override dependencies = { "pixorly-image": PixorlyImage };

  /** The model to generate with (the studio sets it); wins over `modelId`. */
  @property({ attribute: false }) model: ModelInfo | undefined;

  /** A model id, looked up in the catalog when `model` is not set. */
  @property({ attribute: "model-id" }) modelId = "";

  /** Models compared on one prompt: the box offers what all of them support and emits one run per model. */
  @property({ attribute: false }) compareModels: ModelInfo[] = [];

  /** `basic` shows the prompt, size and image count; `advanced` adds the rest the model supports. */
  @property({ reflect: true }) mode: PromptBoxMode = "basic";

  /** Set by the studio while it creates the jobs: the form cannot be submitted again. */
  @property({ type: Boolean, reflect: true }) submitting = false;

  /** The signed-in user's id (the studio sets it). Presets and prompt history come from the account the client is signed in to. */
  @property({ attribute: "user-key" }) userKey = "";

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  @state() private values: FormValues = EMPTY_VALUES;
  @state() private errors: FieldErrors = {};

  private readonly catalog = new QueryController(
    this,
    () => this.client,
    api.models.list,
    () => (this.model || !this.modelId ? SKIP : {}),
  );

  private readonly presetsStore = new AccountPresetsController(this, {
    client: () => this.client,
    current: () => this.currentSettings(),
    apply: (preset) => this.applyPreset(preset),
  });

  /** The image to start from, for models that take one (issue 16). */
  private readonly imageInput = new ImageInputController(this, {
    client: () => this.client,
    model: () => (this.models.length === 1 ? this.models[0] : undefined),
  });

  private readonly recent = new RecentPromptsController(this, {
    client: () => this.client,
    use: (prompt) => this.edit({ prompt }, "prompt"),
    focus: (target) =>
      this.renderRoot.querySelector<HTMLElement>(target === "prompt" ? "#prompt" : ".recent-toggle")?.focus(),
  });

  private models: ModelInfo[] = [];
  private common: ModelInfo | undefined;
  private sizes: SizeOption[] = [];
  /** After a refused submit, every edit re-checks the form so messages go away as they are fixed. */
  private checkAsYouType = false;
  private pendingSettings: SettingsToApply | undefined;
  private pendingRestore: RestoredSettings | undefined;
  /** The settings last announced with `pixorly-settings-change` (JSON), so typing a prompt announces nothing. */
  private announcedSettings = "";

  /** The model, negative prompt and parameters as they stand (what a preset saves), or undefined without a model. */
  currentSettings(): PresetSettings | undefined {
    const model = this.models[0];
    if (!model || !this.common) return undefined;
    const { negativePrompt, parameters } = requestFrom(this.values, this.common, this.sizes, this.mode);
    return { model: model.id, ...(negativePrompt ? { negativePrompt } : {}), parameters };
  }

  /**
   * Puts back settings kept from an earlier visit (the studio's `settings-memory.ts`): parameters fitted
   * to the model, negative prompt and mode; the prompt is left alone. Waits for the model when it is not known yet.
   */
  restoreSettings(settings: RestoredSettings): void {
    this.pendingRestore = settings;
    this.requestUpdate();
  }

  /** Shows an error from `jobs:create` (a ConvexError, `{ code, message, fields? }` or anything thrown) next to the input it concerns. */
  showError(error: unknown): void {
    const parsed = pixorlyErrorDataSchema.safeParse(error);
    const shown = parsed.success ? parsed.data : toUserFacingError(error);
    const errors: FieldErrors = {};
    const common = this.common;
    for (const issue of shown.fields ?? [])
      errors[common ? shownField(fieldOf(issue.field), common, this.mode) : "form"] ??= issue.message;
    if (Object.keys(errors).length === 0)
      errors[shown.code === "MODERATION_REJECTED" ? "prompt" : "form"] = shown.message;
    this.errors = errors;
    void this.updateComplete.then(() => this.focusFirstInvalid());
  }

  /**
   * Fills the form with an earlier image's settings ("Use these settings"): its prompt, negative
   * prompt and parameters, matched to what the model offers; the advanced fields open so the
   * seed, steps and guidance are seen. Waits for the model when it is not known yet.
   */
  applySettings(settings: SettingsToApply): void {
    this.pendingSettings = settings;
    if (this.common) this.applyPending();
  }

  /**
   * Applies a saved preset: its negative prompt and parameters (fitted to the model shown) and
   * its prompt when it has one. A preset saved with another model also emits
   * `pixorly-preset-applied`, so the studio can switch to that model (and apply it again there).
   */
  applyPreset(preset: AccountPreset): void {
    if (!this.common) return;
    this.values = {
      ...valuesFromPreset(this.values, preset, this.common, this.sizes),
      ...(preset.prompt !== undefined ? { prompt: preset.prompt } : {}),
    };
    if (this.checkAsYouType) this.errors = this.check().errors;
    const current = this.models.length === 1 ? this.models[0]!.id : undefined;
    this.emit("preset-applied", {
      preset,
      otherModel: current !== undefined && current !== preset.model,
    });
  }

  /** The prompt as typed. */
  get prompt(): string {
    return this.values.prompt;
  }

  /** Replaces the prompt (an example, "Surprise me") and puts the caret at its end, ready to edit or Generate. */
  usePrompt(prompt: string): void {
    this.edit({ prompt }, "prompt");
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector<HTMLTextAreaElement>("#prompt");
      input?.focus();
      input?.setSelectionRange(prompt.length, prompt.length);
    });
  }

  /** Submits as the button does: validates, then emits `pixorly-submit`. */
  submit(): void {
    if (this.submitting || !this.common) return;
    if (this.imageInput.uploading) {
      this.errors = { form: msg("Wait for the image to finish uploading.") };
      return;
    }
    const checked = this.check();
    this.checkAsYouType = checked.requests === null;
    this.errors = checked.errors;
    if (!checked.requests) {
      void this.updateComplete.then(() => this.focusFirstInvalid());
      return;
    }
    this.imageInput.markUsed();
    const runs = checked.requests.map((run) => ({ ...run, idempotencyKey: newIdempotencyKey() }));
    const [first] = runs;
    this.emit("submit", { request: first!.request, idempotencyKey: first!.idempotencyKey, runs });
  }

  protected override willUpdate(): void {
    const models =
      this.compareModels.length > 0
        ? this.compareModels
        : [this.model ?? this.catalog.value?.find((candidate) => candidate.id === this.modelId)].filter(
            (m) => m !== undefined,
          );
    if (models.length !== this.models.length || models.some((model, index) => model !== this.models[index])) {
      this.models = models;
      this.common = models.length > 0 ? commonModel(models as [ModelInfo, ...ModelInfo[]]) : undefined;
      this.sizes = this.common ? sizeOptionsFor(this.common) : [];
      if (this.common) this.values = fitValues(this.values, this.common, this.sizes);
      this.errors = this.common && this.checkAsYouType ? this.check().errors : {};
    }
    if (this.pendingSettings && this.common) this.applyPending();
    if (this.pendingRestore && this.common) {
      const { mode, ...saved } = this.pendingRestore;
      this.pendingRestore = undefined;
      this.values = { ...valuesFromPreset(this.values, saved, this.common, this.sizes), prompt: this.values.prompt };
      if (mode) this.mode = mode;
      this.announcedSettings = JSON.stringify([this.currentSettings(), this.mode]);
    }
  }

  protected override updated(): void {
    const settings = this.currentSettings();
    const key = JSON.stringify([settings, this.mode]);
    if (!settings || key === this.announcedSettings) return;
    const first = this.announcedSettings === "";
    this.announcedSettings = key;
    // The first settings are the model's defaults, not a choice of the person.
    if (!first) this.emit("settings-change", { ...settings, mode: this.mode });
  }

  private applyPending(): void {
    const settings = this.pendingSettings!;
    this.pendingSettings = undefined;
    this.mode = "advanced";
    this.values = { ...valuesFromPreset(this.values, settings, this.common!, this.sizes), prompt: settings.prompt };
    this.errors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("#prompt")?.focus());
  }

  override render() {
    const model = this.common;
    if (!model) return html`<p class="message" part="message" role="status">${this.missingModelMessage()}</p>`;
    const shown = visibleFields(model, this.mode);
    const advanced = this.mode === "advanced";
    const errors = this.errors;
    const { supports } = model;
    return html`
      <form part="form" novalidate @submit=${this.onSubmit} @keydown=${this.onKeydown}>
        ${textField({
          id: "prompt",
          part: "prompt",
          label: msg("Prompt"),
          value: this.values.prompt,
          maxLength: GENERATION_LIMITS.prompt.maxLength,
          rows: 4,
          placeholder: msg("Describe the image you want"),
          readonly: this.submitting,
          error: this.promptError(),
          keyShortcuts: "Control+Enter Meta+Enter",
          onInput: (prompt) => this.edit({ prompt }, "prompt"),
          beside: html`<span class="beside">
            ${this.client ? this.recent.renderToggle() : nothing}
            <button type="button" class="mode-toggle" part="mode-toggle" aria-pressed=${advanced ? "true" : "false"} @click=${this.toggleMode}>
              ${msg("Advanced settings")}
            </button>
          </span>`,
        })}
        ${this.client ? this.recent.renderPanel() : nothing}
        ${this.imageInput.render() ?? nothing}
        <fieldset class="settings" ?disabled=${this.submitting}>
          <legend class="visually-hidden">${msg("Settings")}</legend>
          ${
            this.sizes.length > 0
              ? sizeField({
                  sizes: this.sizes,
                  value: this.values.sizeId,
                  error: errors.size,
                  onChange: (sizeId) => this.chooseSize(sizeId),
                  custom: {
                    width: this.values.customWidth,
                    height: this.values.customHeight,
                    ...customSizeLimits(model),
                    onInput: (side, value) => this.edit({ [side]: value }, "size"),
                  },
                })
              : html`<p class="error" part="field-error">
                ${
                  this.models.length > 1
                    ? msg("These models share no image size. Compare models that accept the same aspect ratio.")
                    : msg(str`${model.name} offers no image size Pixorly can request.`)
                }
              </p>`
          }
          ${
            shown.numImages && supports.numImages
              ? imageCountField({
                  value: this.values.numImages,
                  min: supports.numImages.min,
                  max: supports.numImages.max,
                  error: errors.numImages,
                  onChange: (numImages) => this.edit({ numImages }, "numImages"),
                })
              : nothing
          }
          ${
            advanced
              ? renderAdvanced({
                  model,
                  values: this.values,
                  errors,
                  readonly: this.submitting,
                  edit: (change, field) => this.edit(change, field),
                  presets: this.client ? this.presetsStore.render() : nothing,
                })
              : nothing
          }
        </fieldset>
        ${errors.form ? html`<p class="error form-error" part="form-error" role="alert">${localizedFieldMessage(errors.form)}</p>` : nothing}
        <div class="footer">
          <output part="cost" class="cost">${this.costText(model)}</output>
          <button
            type="submit"
            part="submit"
            data-variant="primary"
            aria-disabled=${this.submitting ? "true" : "false"}
            aria-describedby=${showsKeyboardHints() ? "submit-shortcut" : nothing}
          >
            ${this.submitting ? msg("Generating…") : this.models.length > 1 ? msg(str`Generate with ${this.models.length} models`) : msg("Generate")}
          </button>
          ${showsKeyboardHints() ? html`<span id="submit-shortcut" class="shortcut">${isMac() ? "⌘" : "Ctrl"}+Enter</span>` : nothing}
        </div>
      </form>
    `;
  }

  private missingModelMessage(): string {
    if (!this.modelId) return msg("Choose a model to write a prompt for.");
    const id = this.modelId;
    if (!this.client) return msg(str`Model "${id}" cannot be looked up: the prompt box is not connected to Pixorly.`);
    if (this.catalog.error)
      return `${msg("Models could not be loaded.")} ${toUserFacingError(this.catalog.error).message}`;
    if (this.catalog.loading) return msg("Loading the model…");
    return msg(str`Unknown model "${id}". Choose one of the available models.`);
  }

  private promptError(): string | undefined {
    const prompt = this.values.prompt;
    const over = prompt.trim().length - GENERATION_LIMITS.prompt.maxLength;
    if (over <= 0) return this.errors.prompt;
    const message = localizedFieldMessage(promptSchema.safeParse(prompt).error?.issues[0]?.message ?? "");
    return `${message} ${msg(str`(${formatNumber(over)} too many).`)}`;
  }

  private costText(model: ModelInfo) {
    const credits = estimateCost(model, this.values.numImages);
    return html`${msg("Estimated cost:")} <strong>${formatCredits(credits)}</strong>
      <span class="usd">(≈ ${formatCreditsAsUsd(credits)})</span>`;
  }

  private check() {
    return checkForm(this.values, this.models, this.common!, this.sizes, this.mode, this.imageInput.request());
  }

  private edit(change: Partial<FormValues>, field: FormField): void {
    this.values = { ...this.values, ...change };
    if (this.checkAsYouType) this.errors = this.check().errors;
    else if (this.errors[field] || this.errors.form)
      this.errors = { ...this.errors, [field]: undefined, form: undefined };
  }

  /** Chooses a size; "Custom" starts from the size chosen before, so there is something to edit. */
  private chooseSize(sizeId: string): void {
    const before = this.sizes.find((option) => option.id === this.values.sizeId);
    const start =
      sizeId === CUSTOM_SIZE_ID && this.values.customWidth === "" && this.values.customHeight === "" && before;
    this.edit(
      start ? { sizeId, customWidth: String(before.width), customHeight: String(before.height) } : { sizeId },
      "size",
    );
  }

  private focusFirstInvalid(): void {
    const selectors = FOCUS_ORDER.find(([field]) => this.errors[field])?.[1] ?? [];
    for (const selector of selectors) {
      const input = this.renderRoot.querySelector<HTMLElement>(selector);
      if (input) return input.focus();
    }
  }

  private readonly onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    this.submit();
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (
      event.key === "ArrowDown" &&
      event.altKey &&
      this.client &&
      (event.composedPath()[0] as Element | undefined)?.id === "prompt"
    ) {
      event.preventDefault();
      void this.recent.toggle(true);
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.submit();
    }
  };

  private readonly toggleMode = () => {
    this.mode = this.mode === "advanced" ? "basic" : "advanced";
    if (this.checkAsYouType) this.errors = this.check().errors;
  };
}
