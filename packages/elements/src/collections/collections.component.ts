import { consume } from "@lit/context";
import { html } from "lit";
import { property, state } from "lit/decorators.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, skeletonStyles, visuallyHidden } from "../base/shared.styles.js";
import { api, type CollectionDoc, type ImageDoc } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { toUserFacingError } from "../client/errors.js";
import { PaginatedQueryController } from "../client/paginated-query-controller.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { PixorlyImage } from "../image/image.component.js";
import { msg, str } from "../i18n/localize.js";
import { copyText } from "../internal/copy-text.js";
import { collectionDetail } from "./collection-detail.js";
import { reorder } from "./collection-order.js";
import { collectionsList } from "./collections-list.js";
import styles from "./collections.styles.js";

/**
 * @summary The caller's collections: covers, create, rename, delete, public or private with a share link, and each one's images in their own order.
 *
 * Images are reordered by drag and drop, or with Alt + arrow keys on a focused image (one
 * backend write per move). Needs the studio's client.
 *
 * @csspart create - The form that creates a collection.
 * @csspart list - The list of collections.
 * @csspart card - Each collection's card.
 * @csspart cover - Each card's cover `<pixorly-image>`.
 * @csspart title - The open collection's name.
 * @csspart images - The open collection's ordered images.
 * @csspart item - Each of those images' button.
 * @csspart message - Loading, empty and error messages.
 * @csspart cover-* - The parts of each cover's `<pixorly-image>`, re-exported with the prefix `cover-` (`cover-base`, `cover-placeholder`, `cover-image`).
 *
 * @cssproperty --pixorly-color-surface - Card background.
 * @cssproperty --pixorly-color-border - Card borders.
 * @cssproperty --pixorly-color-muted - Counts and hints.
 * @cssproperty --pixorly-color-accent - Focus ring, the Public toggle when on.
 *
 * @event {OpenImageDetail} pixorly-open-image - An image of the open collection was chosen (the studio opens its lightbox).
 * @event {PixorlyErrorDetail} pixorly-error - An action failed.
 */
export class PixorlyCollections extends PixorlyElement {
  static override styles = [hostStyles, focusRing, buttonStyles, visuallyHidden, skeletonStyles, styles];
  static override dependencies = { "pixorly-image": PixorlyImage };

  /**
   * The share page's address, with `{shareId}` where the share id goes; relative to the page.
   * Default: this page with `?share={shareId}`.
   */
  @property({ attribute: "share-url" }) shareUrl = "?share={shareId}";

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  @state() private openId = "";
  @state() private busy = false;
  @state() private renamingId = "";
  @state() private confirmingDeleteId = "";
  @state() private message = "";
  /** The order after a move, until the subscription shows it. */
  @state() private movedOrder: string[] | undefined;
  private dragFrom = -1;

  private readonly collections = new QueryController(
    this,
    () => this.client,
    api.collections.list,
    () => ({}),
  );
  private readonly images = new PaginatedQueryController(
    this,
    () => this.client,
    api.collections.images,
    () => (this.openId ? { id: this.openId } : SKIP),
  );
  private seenItems: unknown;

  override render() {
    const list = this.collections;
    const open = list.value?.find((collection) => collection._id === this.openId);
    return html`<div class="collections">
      ${
        list.error
          ? html`<p part="message" class="message" role="alert">${toUserFacingError(list.error).message}</p>`
          : list.loading || !this.client
            ? html`<div part="message" class="message loading" role="status">
            <span class="visually-hidden">${msg("Loading collections…")}</span>
            <span class="skeleton-grid cards" aria-hidden="true">${Array.from({ length: 4 }, () => html`<span class="skeleton"></span>`)}</span>
          </div>`
            : open
              ? this.renderDetail(open)
              : collectionsList({
                  collections: list.value ?? [],
                  busy: this.busy,
                  renamingId: this.renamingId,
                  confirmingDeleteId: this.confirmingDeleteId,
                  shareUrl: (shareId) => this.shareLink(shareId),
                  on: {
                    create: (name) =>
                      void this.run(msg("Collection created."), (client) =>
                        client.mutation(api.collections.create, { name }),
                      ),
                    open: (collection) => (this.openId = collection._id),
                    startRename: (id) => (this.renamingId = id),
                    rename: (id, name) =>
                      void this.run(msg("Collection renamed."), (client) =>
                        client.mutation(api.collections.rename, { id, name }),
                      ),
                    cancel: () => this.resetForms(),
                    askDelete: (id) => (this.confirmingDeleteId = id),
                    remove: (id) =>
                      void this.run(msg("Collection deleted."), (client) =>
                        client.mutation(api.collections.remove, { id }),
                      ),
                    setPublic: (id, isPublic) =>
                      void this.run(
                        isPublic ? msg("The collection is public.") : msg("The collection is private."),
                        (client) => client.mutation(api.collections.setVisibility, { id, isPublic }),
                      ),
                    copyLink: (url) =>
                      void copyText(url).then(
                        (ok) => (this.message = ok ? msg("Share link copied.") : msg("Could not copy the link.")),
                      ),
                  },
                })
      }
      <p class="visually-hidden" role="status">${this.message}</p>
    </div>`;
  }

  /** The share page's address for `shareId`, absolute when the page has a base to resolve it against. */
  private shareLink(shareId: string): string {
    const link = this.shareUrl.replace("{shareId}", encodeURIComponent(shareId));
    try {
      return new URL(link, document.baseURI).href;
    } catch {
      return link;
    }
  }

  private renderDetail(collection: CollectionDoc) {
    const images = this.orderedImages();
    return collectionDetail({
      name: collection.name,
      images,
      loading: this.images.loading,
      canLoadMore: !this.images.isDone && !this.images.loading,
      on: {
        back: () => {
          this.openId = "";
          this.movedOrder = undefined;
        },
        loadMore: () => this.images.loadMore(),
        move: (from, to, focus) => void this.move(collection, images, from, to, focus),
        focus: (index) => this.focusItem(index),
        open: (index) => this.emit("open-image", { images, index }),
        dragStart: (index) => (this.dragFrom = index),
        drop: (index) => {
          if (this.dragFrom >= 0) void this.move(collection, images, this.dragFrom, index, false);
          this.dragFrom = -1;
        },
      },
    });
  }

  /** The open collection's images, in the moved order while a move is on its way. */
  private orderedImages(): ImageDoc[] {
    const items = this.images.items as ImageDoc[];
    if (items !== this.seenItems) {
      // The subscription answered: its order is the truth again.
      this.seenItems = items;
      this.movedOrder = undefined;
    }
    if (!this.movedOrder) return items;
    const byId = new Map(items.map((image) => [image._id, image]));
    return this.movedOrder.map((id) => byId.get(id)).filter((image) => image !== undefined);
  }

  private async move(
    collection: CollectionDoc,
    images: ImageDoc[],
    from: number,
    to: number,
    focus: boolean,
  ): Promise<void> {
    const moved = reorder(
      images.map((image) => image._id),
      from,
      to,
    );
    if (!moved) return;
    this.movedOrder = moved.order;
    const target = moved.order.indexOf(moved.imageId);
    if (focus) void this.updateComplete.then(() => this.focusItem(target));
    this.message = msg(str`Moved to position ${target + 1} of ${moved.order.length}.`);
    const ok = await this.run("", (client) =>
      client.mutation(api.collections.move, {
        id: collection._id,
        imageId: moved.imageId,
        beforeImageId: moved.beforeImageId,
      }),
    );
    if (!ok) this.movedOrder = undefined;
  }

  private focusItem(index: number): void {
    this.renderRoot.querySelector<HTMLElement>(`.item[data-index="${index}"] button`)?.focus();
  }

  private resetForms(): void {
    this.renamingId = "";
    this.confirmingDeleteId = "";
  }

  /** Runs a mutation, says `done` (when given) or why it failed; resolves to whether it worked. */
  private async run(done: string, action: (client: StudioClient) => Promise<unknown>): Promise<boolean> {
    const client = this.client;
    if (!client || this.busy) return false;
    this.busy = true;
    try {
      await action(client);
      if (done) this.message = done;
      this.resetForms();
      return true;
    } catch (error) {
      const problem = toUserFacingError(error);
      this.message = problem.message;
      this.emit("error", { code: problem.code, message: problem.message });
      return false;
    } finally {
      this.busy = false;
    }
  }
}
