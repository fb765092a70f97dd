/**
 * The collections list as a template: a card per collection with its cover, name, count,
 * visibility and share link, and the forms to create and rename. The element keeps the state.
 */
import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import type { CollectionDoc } from "../client/api.js";
import { msg, str } from "../i18n/localize.js";
import { exportParts } from "../internal/parts.js";

export interface ListOptions {
  collections: readonly CollectionDoc[];
  busy: boolean;
  renamingId: string;
  confirmingDeleteId: string;
  shareUrl: (shareId: string) => string;
  on: {
    create: (name: string) => void;
    open: (collection: CollectionDoc) => void;
    startRename: (id: string) => void;
    rename: (id: string, name: string) => void;
    cancel: () => void;
    askDelete: (id: string) => void;
    remove: (id: string) => void;
    setPublic: (id: string, isPublic: boolean) => void;
    copyLink: (url: string) => void;
  };
}

const formValue = (event: SubmitEvent) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const value = (new FormData(form).get("name") as string | null)?.trim() ?? "";
  return { form, value };
};

export function collectionsList(o: ListOptions) {
  return html`<form
      part="create"
      class="create"
      @submit=${(event: SubmitEvent) => {
        const { form, value } = formValue(event);
        if (value) o.on.create(value);
        form.reset();
      }}
    >
      <label><span class="visually-hidden">${msg("New collection name")}</span><input name="name" maxlength="100" placeholder=${msg("New collection")} required /></label>
      <button type="submit" data-variant="primary" ?disabled=${o.busy}>${msg("Create")}</button>
    </form>
    ${
      o.collections.length === 0
        ? html`<p part="message" class="message">${msg("No collections yet. Create one, then add images from the library.")}</p>`
        : html`<ul part="list" class="list">
          ${o.collections.map((collection) => card(collection, o))}
        </ul>`
    }`;
}

function card(c: CollectionDoc, o: ListOptions) {
  const link = c.isPublic && c.shareId ? o.shareUrl(c.shareId) : "";
  return html`<li part="card" class="card" data-id=${c._id}>
    <button type="button" class="cover" aria-label=${msg(str`Open ${c.name}`)} @click=${() => o.on.open(c)}>
      ${
        c.cover
          ? html`<pixorly-image part="cover" exportparts=${exportParts("pixorly-collections", "cover")} image-id=${c.cover.imageId} request-width="256" sizes="16rem" alt=""></pixorly-image>`
          : html`<span class="no-cover" aria-hidden="true"></span>`
      }
    </button>
    ${
      o.renamingId === c._id
        ? html`<form
          class="rename"
          @submit=${(event: SubmitEvent) => {
            const { value } = formValue(event);
            if (value) o.on.rename(c._id, value);
          }}
        >
          <label><span class="visually-hidden">${msg(str`New name for ${c.name}`)}</span><input name="name" maxlength="100" required .value=${live(c.name)} /></label>
          <button type="submit" ?disabled=${o.busy}>${msg("Save")}</button>
          <button type="button" @click=${o.on.cancel}>${msg("Cancel")}</button>
        </form>`
        : html`<p class="name">${c.name}</p>`
    }
    <p class="meta">${c.imageCount === 1 ? msg("1 image") : msg(str`${c.imageCount} images`)} · ${c.isPublic ? msg("Public") : msg("Private")}</p>
    ${
      link
        ? html`<p class="share"><a href=${link} target="_blank" rel="noopener">${msg("Share link")}</a>
          <button type="button" class="copy-link" @click=${() => o.on.copyLink(link)}>${msg("Copy link")}</button></p>`
        : nothing
    }
    <div class="card-actions">
      <button type="button" class="visibility" aria-pressed=${c.isPublic ? "true" : "false"} ?disabled=${o.busy} @click=${() => o.on.setPublic(c._id, !c.isPublic)}>
        ${msg("Public")}
      </button>
      <button type="button" class="rename-button" @click=${() => o.on.startRename(c._id)}>${msg("Rename")}</button>
      <button type="button" class="delete" data-variant="danger" @click=${() => o.on.askDelete(c._id)}>${msg("Delete")}</button>
    </div>
    ${
      o.confirmingDeleteId === c._id
        ? html`<div class="confirm" role="alertdialog" aria-label=${msg(str`Delete ${c.name}?`)}>
          <p>${msg(str`Delete “${c.name}”? Its images stay in your library.`)}</p>
          <button type="button" class="confirm-delete" data-variant="danger" ?disabled=${o.busy} @click=${() => o.on.remove(c._id)}>${msg("Delete collection")}</button>
          <button type="button" @click=${o.on.cancel}>${msg("Keep it")}</button>
        </div>`
        : nothing
    }
  </li>`;
}
