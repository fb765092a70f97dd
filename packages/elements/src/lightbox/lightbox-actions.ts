/**
 * What a person can do with the image in the lightbox, as one toolbar template: the element
 * keeps the state and runs the mutations, this only lays out the buttons.
 */
import { html, nothing } from "lit";
import type { CollectionDoc, ImageDoc } from "../client/api.js";
import { msg, str } from "../i18n/localize.js";

export interface LightboxActionsState {
  image: ImageDoc;
  favorite: boolean;
  busy: boolean;
  confirmingDelete: boolean;
  /** The caller's collections while the "Add to collection" list is open, else undefined. */
  collections: CollectionDoc[] | undefined;
  collectionsLoading: boolean;
  /** Ids of the collections that hold the image (checked in the list). */
  memberOf: ReadonlySet<string>;
  download: DownloadChoice;
}

/** The sizes (px wide) and formats a download can be asked for; '' keeps the original's. */
export const DOWNLOAD_WIDTHS = ["", "2048", "1024", "512", "256"] as const;
export const DOWNLOAD_FORMATS = ["", "jpeg", "webp", "avif", "png"] as const;
export type DownloadChoice = { width: (typeof DOWNLOAD_WIDTHS)[number]; format: (typeof DOWNLOAD_FORMATS)[number] };

export interface LightboxActionHandlers {
  download: () => void;
  chooseDownload: (choice: Partial<DownloadChoice>) => void;
  copyLink: () => void;
  useSettings: () => void;
  toggleFavorite: () => void;
  toggleCollections: () => void;
  toggleCollection: (collection: CollectionDoc, member: boolean) => void;
  askDelete: () => void;
  confirmDelete: () => void;
  cancelDelete: () => void;
}

export function lightboxActions(state: LightboxActionsState, on: LightboxActionHandlers) {
  const { image, busy } = state;
  return html`<div part="actions" class="actions">
    <span class="download">
      <button type="button" part="action download-button" data-variant="primary" ?disabled=${busy} @click=${on.download}>${msg("Download")}</button>
      <select
        aria-label=${msg("Download size")}
        @change=${(event: Event) => on.chooseDownload({ width: (event.target as HTMLSelectElement).value as DownloadChoice["width"] })}
      >
        ${DOWNLOAD_WIDTHS.filter((width) => !width || Number(width) < image.width).map(
          (width) =>
            html`<option value=${width} ?selected=${width === state.download.width}>${width ? `${width} px` : msg(str`Original (${image.width} px)`)}</option>`,
        )}
      </select>
      <select
        aria-label=${msg("Download format")}
        @change=${(event: Event) => on.chooseDownload({ format: (event.target as HTMLSelectElement).value as DownloadChoice["format"] })}
      >
        ${DOWNLOAD_FORMATS.map(
          (format) =>
            html`<option value=${format} ?selected=${format === state.download.format}>${format ? format.toUpperCase() : msg(str`Original (${image.format.toUpperCase()})`)}</option>`,
        )}
      </select>
    </span>
    ${
      image.isPublic
        ? html`<button type="button" part="action share-button" ?disabled=${busy} @click=${on.copyLink}>${msg("Copy share link")}</button>`
        : nothing
    }
    <button type="button" part="action use-settings-button" @click=${on.useSettings}>${msg("Use these settings")}</button>
    <button type="button" part="action favorite-button" aria-pressed=${state.favorite ? "true" : "false"} ?disabled=${busy} @click=${on.toggleFavorite}>
      ${state.favorite ? "★" : "☆"} ${msg("Favorite")}
    </button>
    <button
      type="button"
      part="action collection-button"
      aria-expanded=${state.collections ? "true" : "false"}
      aria-controls="collections"
      ?disabled=${busy}
      @click=${on.toggleCollections}
    >
      ${msg("Add to collection")}
    </button>
    <button type="button" part="action delete-button" data-variant="danger" ?disabled=${busy} @click=${on.askDelete}>${msg("Delete")}</button>
  </div>
  ${state.collections ? collectionList(state, on) : nothing}
  ${
    state.confirmingDelete
      ? html`<div part="confirm" class="confirm" role="alertdialog" aria-labelledby="confirm-text">
        <p id="confirm-text">${msg("Delete this image? This cannot be undone.")}</p>
        <button type="button" data-variant="danger" class="confirm-delete" ?disabled=${busy} @click=${on.confirmDelete}>${msg("Delete image")}</button>
        <button type="button" class="cancel-delete" @click=${on.cancelDelete}>${msg("Keep it")}</button>
      </div>`
      : nothing
  }`;
}

function collectionList(state: LightboxActionsState, on: LightboxActionHandlers) {
  const collections = state.collections ?? [];
  return html`<div id="collections" part="collections" class="collections">
    ${
      state.collectionsLoading
        ? html`<p>${msg("Loading collections…")}</p>`
        : collections.length === 0
          ? html`<p>${msg("No collections yet. Create one in the Collections view.")}</p>`
          : html`<p id="collections-hint" class="hint">${msg("Checked collections hold this image; choose one to add or take it out.")}</p>
            <ul aria-describedby="collections-hint">
              ${collections.map((collection) => {
                const member = state.memberOf.has(collection._id);
                return html`<li>
                  <button
                    type="button"
                    class="collection-toggle"
                    aria-pressed=${member ? "true" : "false"}
                    ?disabled=${state.busy}
                    @click=${() => on.toggleCollection(collection, member)}
                  >
                    <span class="check" aria-hidden="true">${member ? "✓" : ""}</span>${collection.name}
                  </button>
                </li>`;
              })}
            </ul>`
    }
  </div>`;
}
