import { consume } from '@lit/context';
import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PixorlyElement } from '../base/pixorly-element.js';
import { focusRing, hostStyles } from '../base/shared.styles.js';
import { api, type ImageDoc } from '../client/api.js';
import { clientContext } from '../client/client-context.js';
import { toUserFacingError } from '../client/errors.js';
import { QueryController } from '../client/query-controller.js';
import type { StudioClient } from '../client/studio-client.js';
import { PixorlyImage } from '../image/image.component.js';
import styles from './recent-results.styles.js';

export interface ImageSelectedDetail {
  image: ImageDoc;
  imageId: string;
  jobId: string;
  model: string;
}

/**
 * @summary A strip of the caller's latest images, live; choosing one emits `pixorly-image-selected`.
 *
 * @csspart heading - The strip's heading.
 * @csspart list - The scrolling list.
 * @csspart item - Each image's button.
 * @csspart image - Each `<pixorly-image>`.
 * @csspart empty - The text shown before there are images.
 *
 * @cssproperty --pixorly-thumbnail-size - Width of each thumbnail (6rem).
 * @cssproperty --pixorly-color-accent - Border of the chosen image.
 *
 * @event pixorly-image-selected - An image was chosen. `detail: { image, imageId, jobId, model }`.
 */
export class PixorlyRecentResults extends PixorlyElement {
  static override styles = [hostStyles, focusRing, styles];
  static override dependencies = { 'pixorly-image': PixorlyImage };

  /** How many images to show. */
  @property({ type: Number }) limit = 12;

  /** The heading above the strip. */
  @property() label = 'Recent images';

  /** The id of the chosen image (marked as pressed). */
  @property({ attribute: 'selected-id' }) selectedId = '';

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  private readonly images = new QueryController(this, () => this.client, api.images.list, () => ({
    paginationOpts: { numItems: this.limit, cursor: null },
  }));

  override render() {
    const page = this.images.value?.page ?? [];
    const headingId = 'recent-heading';
    return html`
      <h2 part="heading" id=${headingId}>${this.label}</h2>
      ${this.images.error
        ? html`<p part="empty" class="empty">${toUserFacingError(this.images.error).message}</p>`
        : page.length === 0
          ? html`<p part="empty" class="empty">${this.images.loading ? 'Loading…' : 'Your images will appear here.'}</p>`
          : html`<ul part="list" aria-labelledby=${headingId}>
              ${page.map((image) => this.renderItem(image))}
            </ul>`}
    `;
  }

  private renderItem(image: ImageDoc) {
    return html`<li>
      <button
        part="item"
        type="button"
        aria-pressed=${image._id === this.selectedId ? 'true' : 'false'}
        title=${image.prompt}
        @click=${() => this.select(image)}
      >
        <pixorly-image part="image" .image=${image} request-width="256" alt=${image.prompt}></pixorly-image>
      </button>
    </li>`;
  }

  private select(image: ImageDoc): void {
    this.selectedId = image._id;
    this.emit<ImageSelectedDetail>('image-selected', { image, imageId: image._id, jobId: image.jobId, model: image.model });
  }
}

