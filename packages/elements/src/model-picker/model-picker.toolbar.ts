/** The picker's toolbar: the filters (behind a disclosure button, so they fit at 360 px) and the grid/list switch. */
import { html, type TemplateResult } from "lit";
import { formatCredits } from "../i18n/format.js";
import { msg, str } from "../i18n/localize.js";
import { formatDuration } from "./format-duration.js";
import {
  activeFilterCount,
  CAPABILITIES,
  SPEED_LIMITS_MS,
  type Capability,
  type ModelFilters,
} from "./model-filters.js";

export type PickerView = "grid" | "list";

export interface ToolbarView {
  filters: ModelFilters;
  prices: readonly number[];
  view: PickerView;
  /** Whether the filter panel is shown. */
  open: boolean;
  onToggle: () => void;
  onFilters: (filters: ModelFilters) => void;
  onView: (view: PickerView) => void;
}

const numberOrNull = (value: string) => (value === "" ? null : Number(value));

export function renderToolbar({
  filters,
  prices,
  view,
  open,
  onToggle,
  onFilters,
  onView,
}: ToolbarView): TemplateResult {
  const count = activeFilterCount(filters);
  const toggle = (id: Capability["id"], on: boolean) =>
    onFilters({
      ...filters,
      capabilities: on ? [...filters.capabilities, id] : filters.capabilities.filter((c) => c !== id),
    });
  return html`
    <div class="toolbar" part="toolbar">
      <button type="button" class="filters-toggle" aria-expanded=${open ? "true" : "false"} aria-controls="filters" @click=${onToggle}>
        ${msg("Filters")}${count > 0 ? ` (${count})` : ""}
      </button>
      <div class="view-switch" role="group" aria-label=${msg("Layout")} part="view-switch">
        ${(["grid", "list"] as const).map(
          (
            option,
          ) => html`<button type="button" aria-pressed=${view === option ? "true" : "false"} @click=${() => onView(option)}>
            ${option === "grid" ? msg("Grid") : msg("List")}
          </button>`,
        )}
      </div>
      <div id="filters" class="filters" part="filters" ?hidden=${!open}>
        <div class="filter">
          <label for="max-price">${msg("Price per image")}</label>
          <select id="max-price" @change=${(e: Event) => onFilters({ ...filters, maxCredits: numberOrNull((e.target as HTMLSelectElement).value) })}>
            <option value="" ?selected=${filters.maxCredits === null}>${msg("Any price")}</option>
            ${prices.map(
              (credits) =>
                html`<option value=${credits} ?selected=${filters.maxCredits === credits}>${msg(str`Up to ${formatCredits(credits)}`)}</option>`,
            )}
          </select>
        </div>
        <div class="filter">
          <label for="max-speed">${msg("Speed")}</label>
          <select id="max-speed" @change=${(e: Event) => onFilters({ ...filters, maxMs: numberOrNull((e.target as HTMLSelectElement).value) })}>
            <option value="" ?selected=${filters.maxMs === null}>${msg("Any speed")}</option>
            ${SPEED_LIMITS_MS.map(
              (ms) =>
                html`<option value=${ms} ?selected=${filters.maxMs === ms}>${msg(str`Under ${formatDuration(ms)}`)}</option>`,
            )}
          </select>
        </div>
        <fieldset class="filter capabilities">
          <legend>${msg("Must support")}</legend>
          ${CAPABILITIES.map(
            (capability) => html`<label class="capability">
              <input
                type="checkbox"
                .checked=${filters.capabilities.includes(capability.id)}
                @change=${(e: Event) => toggle(capability.id, (e.target as HTMLInputElement).checked)}
              />
              ${capability.label}
            </label>`,
          )}
        </fieldset>
      </div>
    </div>
  `;
}
