/** The studio's notices and job list, as template functions (the element keeps the state). */
import { html } from "lit";
import { msg } from "../i18n/localize.js";
import { exportParts } from "../internal/parts.js";
import type { StudioView } from "./studio-tabs.js";

/** What visitors see when the studio cannot start: one neutral sentence (the details go to the console and `pixorly-error`). */
export function configurationNotice(sentence: string) {
  return html`<div part="notice" class="notice" role="alert">
    <p><strong>${sentence}</strong></p>
  </div>`;
}

export function authNotice(message: string, onRetry: () => void) {
  return html`<div part="notice" class="notice" role="alert">
    <p><strong>${message}</strong></p>
    <p><button type="button" @click=${onRetry}>${msg("Sign in again")}</button></p>
  </div>`;
}

/** The Library or Collections view: its element once the library module is loaded. */
export function libraryPanel(
  view: Exclude<StudioView, "create">,
  library: "idle" | "loading" | "ready" | "failed",
  onRetry: () => void,
) {
  const content =
    library === "ready"
      ? view === "library"
        ? html`<pixorly-gallery part="gallery" exportparts=${exportParts("pixorly-studio", "gallery")}></pixorly-gallery>`
        : html`<pixorly-collections part="collections" exportparts=${exportParts("pixorly-studio", "collections")}></pixorly-collections>`
      : library === "failed"
        ? html`<div part="notice" class="notice" role="alert">
            <p><strong>${msg("This view could not be loaded.")}</strong></p>
            <p><button type="button" @click=${onRetry}>${msg("Try again")}</button></p>
          </div>`
        : html`<div class="skeleton-grid" role="status" aria-label=${msg("Loading")}>
            ${Array.from({ length: 8 }, () => html`<span class="skeleton"></span>`)}
          </div>`;
  return html`<section id=${`panel-${view}`} role="tabpanel" aria-labelledby=${`tab-${view}`} class="library-view">${content}</section>`;
}
