import { consume } from "@lit/context";
import { html } from "lit";
import { msg } from "../i18n/localize.js";
import { property, state } from "lit/decorators.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { focusRing, hostStyles, skeletonStyles } from "../base/shared.styles.js";
import { api, type ImageDoc } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { toUserFacingError } from "../client/errors.js";
import { QueryController } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { PixorlyImage } from "../image/image.component.js";
import { exportParts } from "../internal/parts.js";
import styles from "./recent-results.styles.js";

/**
 * @summary A strip of the caller's latest images, live; choosing one emits `pixorly-image-selected`.
 *
 * @csspart heading - The strip's heading.
 * @csspart list - The scrolling list.
 * @csspart item - Each image's button.
 * @csspart image - Each `<pixorly-image>`.
 * @csspart empty - The text shown before there are images.
 * @csspart image-* - The parts of each `<pixorly-image>`, re-exported with the prefix `image-` (`image-base`, `image-placeholder`, `image-image`).
 *
 * @cssproperty --pixorly-thumbnail-size - Width of each thumbnail (6rem).
 * @cssproperty --pixorly-color-accent - Border of the chosen image.
 *
 * @event {ImageSelectedDetail} pixorly-image-selected - An image was chosen.
 */
export class PixorlyRecentResults extends PixorlyElement {
  static override styles = [hostStyles, focusRing, skeletonStyles, styles];
  static override dependencies = { "pixorly-image": PixorlyImage };

  /** How many images to show. */
  @property({ type: Number }) limit = 12;

  /** The heading above the strip. */
  @property() label = "Recent images";

  /** The id of the chosen image (marked as pressed). */
  @property({ attribute: "selected-id" }) selectedId = "";

  /** Set while there is nothing to show (loaded, no images), for styling: the studio hides the strip beside its own empty state (read-only). */
  @property({ type: Boolean, reflect: true }) empty = false;

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  private readonly images = new QueryController(
    this,
    () => this.client,
    api.images.list,
    () => ({
      paginationOpts: { numItems: this.limit, cursor: null },
    }),
  );

  protected override willUpdate(): void {
    this.empty = !this.images.loading && !this.images.error && (this.images.value?.page.length ?? 0) === 0;
  }

  override render() {
    const page = this.images.value?.page ?? [];
    const headingId = "recent-heading";
    return html`
      <h2 part="heading" id=${headingId}>${this.label}</h2>
      ${
        this.images.error
          ? html`<p part="empty" class="empty">${toUserFacingError(this.images.error).message}</p>`
          : page.length === 0
            ? this.images.loading
              ? html`<div part="list" class="loading" role="status" aria-label=${msg("Loading recent images")}>
                ${Array.from({ length: 6 }, () => html`<span class="skeleton"></span>`)}
              </div>`
              : html`<p part="empty" class="empty">${msg("Your images will appear here.")}</p>`
            : html`<ul part="list" aria-labelledby=${headingId}>
              ${page.map((image) => this.renderItem(image))}
            </ul>`
      }
    `;
  }

  private renderItem(image: ImageDoc) {
    return html`<li>
      <button
        part="item"
        type="button"
        aria-pressed=${image._id === this.selectedId ? "true" : "false"}
        title=${image.prompt}
        @click=${() => this.select(image)}
      >
        <pixorly-image part="image" exportparts=${exportParts("pixorly-recent-results", "image")} .image=${image} request-width="256" alt=${image.prompt}></pixorly-image>
      </button>
    </li>`;
  }

  private select(image: ImageDoc): void {
    this.selectedId = image._id;
    this.emit("image-selected", {
      image,
      imageId: image._id,
      jobId: image.jobId,
      model: image.model,
    });
  }
}
