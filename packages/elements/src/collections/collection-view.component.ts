import { html, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { styleMap } from "lit/directives/style-map.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, skeletonStyles, visuallyHidden } from "../base/shared.styles.js";
import { api, type PublicImage } from "../client/api.js";
import { msg } from "../i18n/localize.js";
import { placeholderDataUrl } from "../image/placeholder.js";
import { VARIANT_WIDTHS } from "../internal/image-sources.js";
import { publicQuery } from "../internal/public-query.js";
import styles from "./collection-view.styles.js";

/** Images per "Show more". */
const PAGE_SIZE = 48;

/** A public image's CDN URL: public objects need no signature, so no sign-in either. */
export function publicImageUrl(apiUrl: string, image: Pick<PublicImage, "s3Key">, width?: number): string {
  const path = image.s3Key.split("/").map(encodeURIComponent).join("/");
  return `${apiUrl.replace(/\/$/, "")}/cdn/${path}${width ? `?w=${width}&f=auto` : ""}`;
}

/**
 * @summary A public collection, read-only, for share pages: no sign-in, only its public images.
 *
 * Reads once (a share page has no live updates to wait for), over Convex's HTTP API.
 *
 * @csspart title - The collection's name.
 * @csspart images - The list of images.
 * @csspart image - Each `<img>`.
 * @csspart more - The "Show more" button.
 * @csspart message - Loading, not-found and error messages.
 *
 * @cssproperty --pixorly-collection-view-min-width - Narrowest column of the grid (12rem).
 * @cssproperty --pixorly-color-surface-2 - Behind images before they load.
 */
export class PixorlyCollectionView extends PixorlyElement {
  static override styles = [hostStyles, focusRing, buttonStyles, visuallyHidden, skeletonStyles, styles];

  /** The collection's share id (from its share link). */
  @property({ attribute: "share-id" }) shareId = "";

  /** The Convex deployment URL. */
  @property({ attribute: "convex-url" }) convexUrl = "";

  /** The edge API URL (images come from its CDN route). */
  @property({ attribute: "api-url" }) apiUrl = "";

  @state() private status: "idle" | "loading" | "ready" | "not-found" | "error" = "idle";
  @state() private name = "";
  @state() private images: PublicImage[] = [];
  @state() private cursor: string | null = null;
  @state() private done = true;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("shareId") || changed.has("convexUrl")) void this.load();
  }

  override render() {
    switch (this.status) {
      case "idle":
        return nothing;
      case "loading":
        return html`<div part="message" class="loading" role="status">
          <span class="visually-hidden">${msg("Loading…")}</span>
          <span class="skeleton title" aria-hidden="true"></span>
          <span class="images" aria-hidden="true">${[0, 1, 2, 3].map(() => html`<span class="skeleton tile"></span>`)}</span>
        </div>`;
      case "not-found":
        return html`<p part="message" class="message">${msg("This collection is not shared (or no longer).")}</p>`;
      case "error":
        return html`<p part="message" class="message" role="alert">${msg("The collection could not be loaded. Try again later.")}</p>`;
    }
    return html`<h2 part="title">${this.name}</h2>
      ${
        this.images.length === 0
          ? html`<p part="message" class="message">${msg("Nothing to see here yet.")}</p>`
          : html`<ul part="images" class="images">
            ${this.images.map((image) => this.renderImage(image))}
          </ul>`
      }
      ${this.done ? nothing : html`<button part="more" type="button" @click=${() => void this.loadPage()}>${msg("Show more")}</button>`}`;
  }

  private renderImage(image: PublicImage) {
    const placeholder = placeholderDataUrl(image.placeholder);
    const widths = VARIANT_WIDTHS.filter((width) => width <= image.width);
    return html`<li>
      <img
        part="image"
        src=${publicImageUrl(this.apiUrl, image, 512)}
        srcset=${widths.map((width) => `${publicImageUrl(this.apiUrl, image, width)} ${width}w`).join(", ")}
        sizes="(min-width: 48rem) 25vw, 50vw"
        width=${image.width}
        height=${image.height}
        loading="lazy"
        decoding="async"
        alt=${image.prompt}
        style=${styleMap(placeholder ? { backgroundImage: `url(${placeholder})` } : {})}
      />
    </li>`;
  }

  private async load(): Promise<void> {
    if (!this.shareId || !this.convexUrl) {
      this.status = "idle";
      return;
    }
    this.status = "loading";
    this.images = [];
    this.cursor = null;
    try {
      const view = await publicQuery(this.convexUrl, api.collections.publicView, { shareId: this.shareId });
      if (!view) {
        this.status = "not-found";
        return;
      }
      this.name = view.name;
      await this.loadPage();
      this.status = "ready";
    } catch {
      this.status = "error";
    }
  }

  private async loadPage(): Promise<void> {
    const page = await publicQuery(this.convexUrl, api.collections.publicImages, {
      shareId: this.shareId,
      paginationOpts: { numItems: PAGE_SIZE, cursor: this.cursor },
    });
    this.images = [...this.images, ...page.page];
    this.cursor = page.continueCursor;
    this.done = page.isDone;
  }
}
