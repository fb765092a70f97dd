/**
 * The gallery's search box and filters as a template; the element keeps the values.
 * Dates are whole local days: "from" starts at midnight, "to" ends at the day's last millisecond.
 */
import type { ModelInfo } from "@pixorly/core";
import { html } from "lit";
import { live } from "lit/directives/live.js";
import { msg } from "../i18n/localize.js";

export type GallerySort = "newest" | "oldest";

export interface GalleryFilterValues {
  text: string;
  model: string;
  tag: string;
  favorite: boolean;
  /** `yyyy-mm-dd`, or '' for no bound. */
  from: string;
  to: string;
  sort: GallerySort;
}

export const NO_FILTERS: GalleryFilterValues = {
  text: "",
  model: "",
  tag: "",
  favorite: false,
  from: "",
  to: "",
  sort: "newest",
};

/** The filters as `images:list` / `images:search` arguments. */
export function filterArgs(values: GalleryFilterValues) {
  const day = (text: string, end: boolean) =>
    text ? new Date(`${text}T${end ? "23:59:59.999" : "00:00:00"}`).getTime() : undefined;
  const from = day(values.from, false);
  const to = day(values.to, true);
  return {
    ...(values.model ? { model: values.model } : {}),
    ...(values.tag ? { tag: values.tag } : {}),
    ...(values.favorite ? { favorite: true as const } : {}),
    ...(from !== undefined && !Number.isNaN(from) ? { from } : {}),
    ...(to !== undefined && !Number.isNaN(to) ? { to } : {}),
  };
}

export interface ToolbarOptions {
  values: GalleryFilterValues;
  models: readonly ModelInfo[];
  tags: readonly string[];
  selecting: boolean;
  onChange: (change: Partial<GalleryFilterValues>) => void;
  onToggleSelecting: () => void;
}

export function galleryToolbar(o: ToolbarOptions) {
  const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;
  return html`<div part="toolbar" class="toolbar" role="search">
    <label class="search">
      <span class="visually-hidden">${msg("Search prompts")}</span>
      <input type="search" placeholder=${msg("Search prompts")} .value=${live(o.values.text)} @input=${(e: Event) => o.onChange({ text: value(e) })} />
    </label>
    <label>
      <span>${msg("Model")}</span>
      <select @change=${(e: Event) => o.onChange({ model: value(e) })}>
        <option value="" ?selected=${!o.values.model}>${msg("All")}</option>
        ${o.models.map((m) => html`<option value=${m.id} ?selected=${m.id === o.values.model}>${m.name}</option>`)}
      </select>
    </label>
    <label>
      <span>${msg("Tag")}</span>
      <select @change=${(e: Event) => o.onChange({ tag: value(e) })}>
        <option value="" ?selected=${!o.values.tag}>${msg("All")}</option>
        ${o.tags.map((tag) => html`<option value=${tag} ?selected=${tag === o.values.tag}>${tag}</option>`)}
      </select>
    </label>
    <label><span>${msg("From")}</span><input type="date" .value=${live(o.values.from)} @change=${(e: Event) => o.onChange({ from: value(e) })} /></label>
    <label><span>${msg("To")}</span><input type="date" .value=${live(o.values.to)} @change=${(e: Event) => o.onChange({ to: value(e) })} /></label>
    <label>
      <span>${msg("Order")}</span>
      <select ?disabled=${o.values.text !== ""} @change=${(e: Event) => o.onChange({ sort: value(e) as GallerySort })}>
        <option value="newest" ?selected=${o.values.sort === "newest"}>${msg("Newest first")}</option>
        <option value="oldest" ?selected=${o.values.sort === "oldest"}>${msg("Oldest first")}</option>
      </select>
    </label>
    <label class="check">
      <input type="checkbox" .checked=${live(o.values.favorite)} @change=${(e: Event) => o.onChange({ favorite: (e.target as HTMLInputElement).checked })} />
      <span>${msg("Favorites")}</span>
    </label>
    <button type="button" class="select-mode" aria-pressed=${o.selecting ? "true" : "false"} @click=${o.onToggleSelecting}>${msg("Select")}</button>
  </div>`;
}
