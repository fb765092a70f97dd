/**
 * The bar of bulk actions over the selection, its delete confirmation, and the undo bar
 * after a delete, as templates; the gallery runs the actions.
 */
import { html, nothing } from "lit";
import type { CollectionDoc } from "../client/api.js";
import { msg, str } from "../i18n/localize.js";

export type BulkAction = "favorite" | "unfavorite" | "public" | "private" | "delete";

export interface BulkBarOptions {
  count: number;
  busy: boolean;
  confirmingDelete: boolean;
  collections: readonly CollectionDoc[];
  onAction: (action: BulkAction) => void;
  onAddToCollection: (collectionId: string) => void;
  onAddTag: (tag: string) => void;
  /** Why the last tag typed was refused ('' when it was not). */
  tagError: string;
  onTagInput: () => void;
  onDownloadZip: () => void;
  onConfirmDelete: () => void;
  onCancelDelete: () => void;
  onClear: () => void;
}

export function bulkBar(o: BulkBarOptions) {
  if (o.count === 0) return nothing;
  const action = (name: BulkAction, label: string, variant?: string) =>
    html`<button type="button" data-action=${name} data-variant=${variant ?? nothing} ?disabled=${o.busy} @click=${() => o.onAction(name)}>${label}</button>`;
  return html`<div part="bulk-bar" class="bulk" role="toolbar" aria-label=${msg("Selected images")}>
      <span class="count">${msg(str`${o.count} selected`)}</span>
      ${action("favorite", msg("Favorite"))} ${action("unfavorite", msg("Unfavorite"))}
      ${action("public", msg("Make public"))} ${action("private", msg("Make private"))}
      <label>
        <span class="visually-hidden">${msg("Add the selected images to a collection")}</span>
        <select
          ?disabled=${o.busy || o.collections.length === 0}
          @change=${(event: Event) => {
            const select = event.target as HTMLSelectElement;
            if (select.value) o.onAddToCollection(select.value);
            select.value = "";
          }}
        >
          <option value="">${o.collections.length === 0 ? msg("No collections") : msg("Add to collection…")}</option>
          ${o.collections.map((c) => html`<option value=${c._id}>${c.name}</option>`)}
        </select>
      </label>
      <button type="button" data-action="zip" ?disabled=${o.busy} @click=${o.onDownloadZip}>${msg("Download ZIP")}</button>
      <form
        class="tag"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          const form = event.target as HTMLFormElement;
          o.onAddTag(String(new FormData(form).get("tag") ?? ""));
        }}
      >
        <label
          ><span class="visually-hidden">${msg("Tag the selected images")}</span
          ><input
            name="tag"
            placeholder=${msg("Add a tag")}
            autocomplete="off"
            aria-invalid=${o.tagError ? "true" : "false"}
            aria-describedby="bulk-tag-error"
            @input=${o.onTagInput}
        /></label>
        <button type="submit" ?disabled=${o.busy}>${msg("Tag")}</button>
      </form>
      <p id="bulk-tag-error" class="tag-error" role="alert">${o.tagError || nothing}</p>
      ${action("delete", msg("Delete"), "danger")}
      <button type="button" class="clear" @click=${o.onClear}>${msg("Clear selection")}</button>
    </div>
    ${
      o.confirmingDelete
        ? html`<div part="confirm" class="confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">
            ${
              o.count === 1
                ? msg("Delete this image? You can undo for a few seconds.")
                : msg(str`Delete these ${o.count} images? You can undo for a few seconds.`)
            }
          </p>
          <button type="button" class="confirm-delete" data-variant="danger" @click=${o.onConfirmDelete}>${msg("Delete")}</button>
          <button type="button" class="cancel-delete" @click=${o.onCancelDelete}>${msg("Cancel")}</button>
        </div>`
        : nothing
    }`;
}

export function undoBar(count: number, onUndo: () => void) {
  if (count === 0) return nothing;
  return html`<div part="undo" class="undo" role="status">
    <span>${count === 1 ? msg("Deleted 1 image.") : msg(str`Deleted ${count} images.`)}</span>
    <button type="button" class="undo-button" @click=${onUndo}>${msg("Undo")}</button>
  </div>`;
}
