/**
 * One collection's images in its own order, as a template: drag and drop, or Alt+arrow keys
 * on a focused image, moves it; arrows alone move focus. The element runs the move.
 */
import { html, nothing } from "lit";
import type { ImageDoc } from "../client/api.js";
import { msg, str } from "../i18n/localize.js";

export interface DetailOptions {
  name: string;
  images: readonly ImageDoc[];
  loading: boolean;
  canLoadMore: boolean;
  on: {
    back: () => void;
    loadMore: () => void;
    move: (from: number, to: number, focus: boolean) => void;
    /** A drag started on the image at `index`. */
    dragStart: (index: number) => void;
    /** Something was dropped on the image at `index`. */
    drop: (index: number) => void;
    focus: (index: number) => void;
    open: (index: number) => void;
  };
}

export function collectionDetail(o: DetailOptions) {
  const keydown = (event: KeyboardEvent, index: number) => {
    const step = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    if (event.altKey) o.on.move(index, index + step, true);
    else o.on.focus(index + step);
  };
  return html`<div class="detail-head">
      <button type="button" class="back" @click=${o.on.back}>← ${msg("All collections")}</button>
      <h3 part="title">${o.name}</h3>
    </div>
    <p id="reorder-help" class="hint">${msg("Drag an image, or focus it and press Alt + ← / → to move it.")}</p>
    ${
      o.loading
        ? html`<p part="message" class="message">${msg("Loading images…")}</p>`
        : o.images.length === 0
          ? html`<p part="message" class="message">${msg("This collection is empty. Add images from the library.")}</p>`
          : html`<ol part="images" class="images">
            ${o.images.map(
              (image, index) => html`<li
                class="item"
                data-index=${index}
                @dragover=${(event: DragEvent) => event.preventDefault()}
                @drop=${(event: DragEvent) => {
                  event.preventDefault();
                  o.on.drop(index);
                }}
              >
                <button
                  type="button"
                  part="item"
                  draggable="true"
                  aria-label=${msg(str`${image.prompt}, ${index + 1} of ${o.images.length}`)}
                  aria-describedby="reorder-help"
                  @dragstart=${(event: DragEvent) => {
                    o.on.dragStart(index);
                    event.dataTransfer?.setData("text/plain", image._id);
                  }}
                  @keydown=${(event: KeyboardEvent) => keydown(event, index)}
                  @click=${() => o.on.open(index)}
                >
                  <pixorly-image .image=${image} request-width="256" sizes="12rem" alt=""></pixorly-image>
                </button>
              </li>`,
            )}
          </ol>`
    }
    ${o.canLoadMore ? html`<button type="button" class="more" @click=${o.on.loadMore}>${msg("Load more")}</button>` : nothing}`;
}
