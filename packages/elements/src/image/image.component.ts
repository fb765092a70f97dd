import { consume } from "@lit/context";
import { html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { styleMap } from "lit/directives/style-map.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { hostStyles } from "../base/shared.styles.js";
import { api, type ImageDoc } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import { SignedUrlController, type SignedUrlState } from "../client/signed-url-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { msg } from "../i18n/localize.js";
import {
  imageFailureNote,
  imageFailureReport,
  probeImageUrl,
  type ImageFailureReason,
} from "../internal/image-failure.js";
import { variantTransform, variantWidths } from "../internal/image-sources.js";
import { placeholderDataUrl } from "./placeholder.js";
import styles from "./image.styles.js";

/**
 * @summary One stored image: its ThumbHash placeholder at once, then the signed image from the CDN.
 *
 * @csspart base - The frame that holds both layers (keeps the image's aspect ratio).
 * @csspart placeholder - The blurred ThumbHash preview shown until the image loads.
 * @csspart image - The image itself.
 *
 * @cssproperty --pixorly-radius - Corner radius.
 * @cssproperty --pixorly-color-surface-2 - Background behind an image without a placeholder.
 * @cssproperty --pixorly-image-fit - `object-fit` of the image (`cover` by default).
 *
 * @event {ImageUnavailableDetail} pixorly-image-unavailable - The image could not be shown, after one retry with a fresh URL (the studio reports it as `pixorly-error` `IMAGE_UNAVAILABLE`, `API_UNREACHABLE` or `ORIGIN_MISMATCH`).
 */
export class PixorlyImage extends PixorlyElement {
  static override styles = [hostStyles, styles];

  /** The image's id; the element looks the image up itself (use `image` when you already have it). */
  @property({ attribute: "image-id" }) imageId = "";

  /** The image document, when at hand: no lookup needed. */
  @property({ attribute: false }) image: ImageDoc | undefined;

  /** Width in pixels to ask the CDN for; 0 asks for the original. */
  @property({ type: Number, attribute: "request-width" }) requestWidth = 512;

  /**
   * The `sizes` of the image's `srcset` (e.g. `(min-width: 40rem) 25vw, 50vw`): when set, the
   * CDN is asked for several widths (`w` steps, `f=auto`) and the browser picks one.
   */
  @property() sizes = "";

  /** Text alternative; the image's prompt when absent. */
  @property() alt: string | undefined;

  /** Set once the full image has loaded (styles fade it in). */
  @property({ type: Boolean, reflect: true }) loaded = false;

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  private readonly lookup = new QueryController(
    this,
    () => this.client,
    api.images.get,
    () => (this.image || !this.imageId ? SKIP : { imageId: this.imageId }),
  );

  private readonly urls = new SignedUrlController(
    this,
    () => this.client,
    () => (this.requestWidth > 0 && !this.originalOnly ? { w: this.requestWidth } : {}),
  );

  /** Set when a resized variant failed to load (an edge that serves originals only answers 501). */
  @state() private originalOnly = false;
  /** Why the image could not be shown (after one retry with a fresh URL), or null. */
  @state() private failure: ImageFailureReason | null = null;
  /** Whether the one retry with a fresh URL was used. */
  private retried = false;

  private loadedId = "";

  /** The image being shown, whether given or looked up. */
  get doc(): ImageDoc | undefined {
    return this.image ?? this.lookup.value ?? undefined;
  }

  override render() {
    const doc = this.doc;
    const id = doc?._id ?? this.imageId;
    if (!id) return nothing;
    if (!doc && !this.lookup.loading) {
      return html`<div part="base" class="frame" role="img" aria-label=${msg("Image not found")}></div>`;
    }
    const placeholder = placeholderDataUrl(doc?.placeholder);
    const { signed, srcset } = this.sources(id, doc);
    const ratio = doc ? { aspectRatio: `${doc.width} / ${doc.height}` } : {};
    const alt = this.alt ?? doc?.prompt ?? msg("Generated image");
    const ready = signed.status === "ready" && this.failure === null;
    // Until the real image is there, the frame itself carries the text alternative (none for a decorative image, `alt=""`).
    const labelled = !ready && alt !== "";
    return html`
      <div
        part="base"
        class="frame"
        style=${styleMap(ratio)}
        role=${labelled ? "img" : nothing}
        aria-label=${labelled ? alt : nothing}
        aria-busy=${signed.status === "loading" ? "true" : nothing}
      >
        ${placeholder && !this.loaded ? html`<img part="placeholder" src=${placeholder} alt="" />` : nothing}
        ${
          ready
            ? html`<img
              part="image"
              src=${signed.url}
              srcset=${srcset || nothing}
              sizes=${srcset ? this.sizes : nothing}
              width=${doc?.width ?? nothing}
              height=${doc?.height ?? nothing}
              loading="lazy"
              decoding="async"
              alt=${alt}
              @load=${this.onLoad}
              @error=${this.onError}
            />`
            : nothing
        }
        ${signed.status === "missing" ? html`<span class="note">${msg("Image not available")}</span>` : nothing}
        ${
          signed.status === "error" || this.failure !== null
            ? html`<span class="note" data-reason=${this.failure ?? (signed.status === "error" ? signed.reason : "unknown")}
              >${imageFailureNote(this.failure ?? (signed.status === "error" ? signed.reason : "unknown"))}</span
            >`
            : nothing
        }
      </div>
    `;
  }

  /** The URL for `src` and, with `sizes`, the `srcset` of every variant whose URL is ready. */
  private sources(id: string, doc: ImageDoc | undefined): { signed: SignedUrlState; srcset: string } {
    if (!this.sizes || !doc || this.originalOnly) return { signed: this.urls.get(id), srcset: "" };
    const widths = variantWidths(doc.width);
    const states = widths.map((width) => this.urls.get(id, variantTransform(width)));
    const main = Math.max(
      0,
      widths.findIndex((width) => width >= this.requestWidth),
    );
    const srcset = states
      .map((state, index) => (state.status === "ready" ? `${state.url} ${widths[index]}w` : ""))
      .filter(Boolean)
      .join(", ");
    return { signed: states[main] ?? states.at(-1)!, srcset };
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has("image") || changed.has("imageId")) && (this.image?._id ?? this.imageId) !== this.loadedId) {
      this.loaded = false;
      this.originalOnly = false;
      this.failure = null;
      this.retried = false;
    }
  }

  protected override updated(): void {
    const doc = this.doc;
    const id = doc?._id ?? this.imageId;
    const signed = id ? this.urls.get(id) : undefined;
    // The URL call itself failed (wrong api-url, origin refused): said on the image, reported once by the studio.
    if (signed?.status === "error" && signed.reason !== "unknown" && !this.reportedLinkFailure) {
      this.reportedLinkFailure = true;
      this.announceFailure(id, signed.reason);
    }
  }

  private reportedLinkFailure = false;

  /**
   * The `<img>` failed. A resized variant first falls back to the original (an edge that serves
   * originals only answers 501); then the URL is asked why (`probeImageUrl`) and, once, replaced by a
   * fresh one (an expired signature, a key rotated meanwhile); a second failure is shown with its reason.
   */
  private async onError(event: Event): Promise<void> {
    if (this.requestWidth > 0 && !this.originalOnly) {
      this.originalOnly = true;
      return;
    }
    const id = this.image?._id ?? this.imageId;
    const url = (event.target as HTMLImageElement).currentSrc || (event.target as HTMLImageElement).src;
    if (!this.retried) {
      this.retried = true;
      this.urls.refresh(id);
      return;
    }
    const reason = await probeImageUrl(url);
    if (id !== (this.image?._id ?? this.imageId)) return;
    this.failure = reason;
    this.announceFailure(id, reason);
  }

  private announceFailure(imageId: string, reason: ImageFailureReason): void {
    this.emit("image-unavailable", { imageId, reason, ...imageFailureReport(reason, imageId) });
  }

  private onLoad(): void {
    this.loadedId = this.image?._id ?? this.imageId;
    this.loaded = true;
  }
}
