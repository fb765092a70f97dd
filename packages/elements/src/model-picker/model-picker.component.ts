import { consume } from "@lit/context";
import type { ModelInfo } from "@pixorly/core";
import { html, nothing, type PropertyValues } from "lit";
import { msg, str } from "../i18n/localize.js";
import { property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, skeletonStyles, visuallyHidden } from "../base/shared.styles.js";
import { api } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { PixorlyImage } from "../image/image.component.js";
import { renderModelCard } from "./model-card.js";
import { filterModels, NO_FILTERS, priceLimits, speedOf, type ModelFilters } from "./model-filters.js";
import { renderToolbar, type PickerView } from "./model-picker.toolbar.js";
import styles from "./model-picker.styles.js";

/** How many models one comparison runs at most (one job each for the same prompt). */
export const MAX_COMPARED_MODELS = 4;

const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown"]);
const PREVIOUS_KEYS = new Set(["ArrowLeft", "ArrowUp"]);

/**
 * @summary Choose a model (or up to four to compare) from cards with price, speed and a sample.
 *
 * Without `models` it shows the whole catalog (`models:list`) of the studio it sits in.
 *
 * @csspart toolbar - The row with the filters and the layout switch.
 * @csspart filters - The filter panel (shown with the Filters button).
 * @csspart view-switch - The grid/list buttons.
 * @csspart list - The radio group (or checkbox group in comparison mode) of cards.
 * @csspart card - One model's card.
 * @csspart sample - The card's sample image or colour swatch.
 * @csspart cost - The card's price per image.
 * @csspart speed - The card's time per image.
 * @csspart notice - Why the last choice was refused (a fifth model to compare).
 * @csspart message - Loading, empty and unknown-model messages.
 * @csspart sample-* - The parts of a sample's `<pixorly-image>`, re-exported with the prefix `sample-` (`sample-base`, `sample-placeholder`, `sample-image`).
 *
 * @cssproperty --pixorly-color-surface - Card background.
 * @cssproperty --pixorly-color-surface-2 - Filters background.
 * @cssproperty --pixorly-color-border - Card borders.
 * @cssproperty --pixorly-color-text - Text colour.
 * @cssproperty --pixorly-color-muted - Provider, price and speed.
 * @cssproperty --pixorly-color-accent - The chosen cards and the focus ring.
 * @cssproperty --pixorly-color-danger - The refusal notice.
 * @cssproperty --pixorly-radius - Corner radius.
 * @cssproperty --pixorly-space - Base spacing unit.
 * @cssproperty --pixorly-model-card-min-width - Narrowest card in the grid view (9.5rem).
 *
 * @event {ModelChangeDetail} pixorly-model-change - The person chose a model (`{ value, model }`), or changed the compared models in comparison mode (`{ values, models }`).
 */
export class PixorlyModelPicker extends PixorlyElement {
  static override styles = [hostStyles, focusRing, buttonStyles, visuallyHidden, skeletonStyles, styles];
  static override dependencies = { "pixorly-image": PixorlyImage };

  /** The models to offer (the studio passes its allowed ones); the catalog from the studio's client when unset. */
  @property({ attribute: false }) models: ModelInfo[] | undefined;

  /** The chosen model's id (single choice). */
  @property() value = "";

  /** The chosen models' ids in comparison mode, in the order they were chosen. */
  @property({ attribute: false }) values: string[] = [];

  /** Comparison mode: choose up to four models. */
  @property({ type: Boolean, reflect: true }) compare = false;

  /** `grid` or `list` layout. */
  @property({ reflect: true }) view: PickerView = "grid";

  /** Live time per image by model id (ms), e.g. measured by the studio; the catalog's estimate otherwise. */
  @property({ attribute: false }) estimates: Record<string, number> = {};

  /** Sample image URL by model id. Built-in models have their own (painted by the model); a colour swatch for other models without one. */
  @property({ attribute: false }) samples: Record<string, string> = {};

  /** An image id by model id, shown (through `<pixorly-image>`) for a model without a sample URL: the studio passes the first image the visitor made with each cloud model. */
  @property({ attribute: false }) sampleImages: Record<string, string> = {};

  /** The group's accessible name; empty: "Model" in the page's language. */
  @property() label = "";

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  @state() private filters: ModelFilters = NO_FILTERS;
  @state() private filtersOpen = false;
  @state() private notice = "";
  /** The card in the tab order; the first chosen (or first shown) one when empty. */
  @state() private focusId = "";
  /** The built-in models' own samples, loaded after the first paint (a chunk of their own). */
  @state() private builtInSamples: Readonly<Record<string, string>> = {};

  private readonly catalog = new QueryController(
    this,
    () => this.client,
    api.models.list,
    () => (this.models ? SKIP : {}),
  );

  /** The models on offer (given, or the catalog once loaded). */
  get available(): ModelInfo[] {
    return this.models ?? this.catalog.value ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void import("./local-samples.js").then(({ LOCAL_MODEL_SAMPLES }) => (this.builtInSamples = LOCAL_MODEL_SAMPLES));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("compare")) {
      // Comparison starts from no choice: pre-ticking the current model meant that choosing three left two.
      if (!this.compare && this.values.length > 0 && !this.values.includes(this.value)) this.value = this.values[0]!;
      this.notice = "";
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // In the one-row layout the chosen card may sit past the edge (a default model far down the list): bring it in, sideways only.
    if (changed.has("value") || changed.has("models")) this.revealChosen();
  }

  private revealChosen(): void {
    const list = this.renderRoot.querySelector<HTMLElement>('[part="list"]');
    const card = this.value
      ? this.renderRoot.querySelector<HTMLElement>(`[part="card"][data-id="${CSS.escape(this.value)}"]`)
      : null;
    if (!list || !card || list.scrollWidth <= list.clientWidth) return;
    const offset = card.getBoundingClientRect().left - list.getBoundingClientRect().left;
    if (offset < 0 || offset + card.offsetWidth > list.clientWidth) list.scrollLeft += offset - 3;
  }

  private renderToolbar(prices: readonly number[]) {
    return renderToolbar({
      filters: this.filters,
      prices,
      view: this.view,
      open: this.filtersOpen,
      onToggle: () => (this.filtersOpen = !this.filtersOpen),
      onFilters: (filters) => (this.filters = filters),
      onView: (view) => (this.view = view),
    });
  }

  override render() {
    const all = this.available;
    if (all.length === 0) {
      // While the catalog loads, the toolbar (inert) and card-shaped skeletons hold the places the loaded picker
      // takes, so nothing below moves when the models arrive; the words stay for screen readers.
      const loading = !this.models && !!this.client && !this.catalog.error && this.catalog.loading;
      return html`<p class=${loading ? "message visually-hidden" : "message"} part="message" role="status">${this.emptyCatalogMessage()}</p>
        ${
          loading
            ? html`<div class="loading-toolbar" inert aria-hidden="true">${this.renderToolbar([])}</div>
            <div class="cards" aria-hidden="true">
              ${[0, 1, 2].map(() => html`<div class="card skeleton-card"><span class="skeleton sample"></span><span class="body"><span class="skeleton line name">&nbsp;</span><span class="skeleton line short meta">&nbsp;</span></span></div>`)}
            </div>
            <p class="notice" aria-hidden="true"></p>`
            : nothing
        }`;
    }
    const shown = filterModels(all, this.filters, this.estimates);
    const chosen = this.chosenIds();
    const missing = chosen.filter((id) => !all.some((model) => model.id === id));
    const tabbable = this.tabbableId(shown, chosen);
    return html`
      ${this.renderToolbar(priceLimits(all))}
      ${
        this.compare
          ? html`<p class="count" id="count">${chosen.length} of ${MAX_COMPARED_MODELS} models chosen to compare</p>`
          : nothing
      }
      ${
        missing.length > 0
          ? html`<p class="message" part="message">
            ${missing.map((id) => msg(str`The model "${id}" is not available.`) + " ")}${msg("Choose another.")}
          </p>`
          : nothing
      }
      ${
        shown.length === 0
          ? html`<div class="message empty" part="message">
            <p>${msg("No model matches these filters.")}</p>
            <button type="button" @click=${() => (this.filters = NO_FILTERS)}>${msg("Clear filters")}</button>
          </div>`
          : html`<div
            part="list"
            class="cards"
            role=${this.compare ? "group" : "radiogroup"}
            aria-label=${this.label || msg("Model")}
            aria-describedby=${this.compare ? "count" : nothing}
          >
            ${repeat(
              shown,
              (model) => model.id,
              (model, index) =>
                renderModelCard({
                  model,
                  index,
                  role: this.compare ? "checkbox" : "radio",
                  checked: chosen.includes(model.id),
                  tabbable: model.id === tabbable,
                  estimateMs: speedOf(model, this.estimates),
                  sampleUrl: this.samples[model.id] ?? this.builtInSamples[model.id],
                  sampleImageId: this.sampleImages[model.id],
                  detailed: this.view === "list",
                  onChoose: () => this.choose(model),
                  onKeydown: (event) => this.onCardKeydown(event, shown, index),
                }),
            )}
          </div>`
      }
      <p class="notice" part="notice" role="status">${this.notice}</p>
    `;
  }

  private chosenIds(): string[] {
    if (this.compare) return this.values;
    return this.value ? [this.value] : [];
  }

  private tabbableId(shown: readonly ModelInfo[], chosen: readonly string[]): string | undefined {
    const visible = (id: string) => shown.some((model) => model.id === id);
    if (visible(this.focusId)) return this.focusId;
    return chosen.find(visible) ?? shown[0]?.id;
  }

  private emptyCatalogMessage(): string {
    if (this.models) return msg("No models are available to choose from.");
    if (!this.client) return msg("No models to choose from: the picker is not connected to Pixorly.");
    if (this.catalog.error)
      return `${msg("Models could not be loaded.")} ${toUserFacingError(this.catalog.error).message}`;
    return this.catalog.loading ? msg("Loading models…") : msg("No models are available to choose from.");
  }

  private choose(model: ModelInfo): void {
    this.focusId = model.id;
    if (!this.compare) {
      this.notice = "";
      if (model.id === this.value) return;
      this.value = model.id;
      this.emit("model-change", { value: model.id, model });
      return;
    }
    const chosen = this.values.includes(model.id);
    if (!chosen && this.values.length >= MAX_COMPARED_MODELS) {
      const name = model.name;
      this.notice = msg(str`You can compare up to ${MAX_COMPARED_MODELS} models. Deselect one to choose ${name}.`);
      return;
    }
    this.notice = "";
    this.values = chosen ? this.values.filter((id) => id !== model.id) : [...this.values, model.id];
    const models = this.values
      .map((id) => this.available.find((candidate) => candidate.id === id))
      .filter((m) => m !== undefined);
    this.emit("model-change", { values: this.values, models });
  }

  /** Roving focus: arrows move between cards (and choose, in a radio group), Home/End jump, Space/Enter choose. */
  private onCardKeydown(event: KeyboardEvent, shown: readonly ModelInfo[], index: number): void {
    let target: number | undefined;
    if (NEXT_KEYS.has(event.key)) target = (index + 1) % shown.length;
    else if (PREVIOUS_KEYS.has(event.key)) target = (index - 1 + shown.length) % shown.length;
    else if (event.key === "Home") target = 0;
    else if (event.key === "End") target = shown.length - 1;
    else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      this.choose(shown[index]!);
      return;
    }
    if (target === undefined) return;
    event.preventDefault();
    const model = shown[target]!;
    if (this.compare) this.focusId = model.id;
    else this.choose(model);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[part="card"][data-id="${CSS.escape(model.id)}"]`)?.focus(),
    );
  }
}
