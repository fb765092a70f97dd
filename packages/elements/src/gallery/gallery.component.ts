import { consume } from "@lit/context";
import { virtualize, type VirtualizerHostElement } from "@lit-labs/virtualizer/virtualize.js";
import { html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, skeletonStyles, visuallyHidden } from "../base/shared.styles.js";
import { api, type ImageDoc } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { toUserFacingError } from "../client/errors.js";
import { msg } from "../i18n/localize.js";
import { PaginatedQueryController } from "../client/paginated-query-controller.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { PixorlyImage } from "../image/image.component.js";
import { PixorlyLightbox } from "../lightbox/lightbox.component.js";
import { bulkBar, undoBar } from "./gallery-bulk.js";
import { GalleryBulkActions } from "./gallery-bulk-actions.js";
import { galleryKeyAction } from "./gallery-keys.js";
import { columnsIn, focusTile, virtualLayout } from "./gallery-layout.js";
import { GallerySelection } from "./gallery-selection.js";
import { filterArgs, galleryToolbar, NO_FILTERS, type GalleryFilterValues } from "./gallery-toolbar.js";
import type { GalleryLayout } from "./gallery-layout.js";
import { exportParts } from "../internal/parts.js";
import styles from "./gallery.styles.js";

export type { GalleryLayout } from "./gallery-layout.js";

/** Below this host width (px) tiles aim for 140 px instead of 200 px. */
const NARROW_PX = 600;

/** How long typing pauses before the search runs. */
const SEARCH_DELAY_MS = 250;

/**
 * @summary The caller's whole library, live: search, filters, infinite scroll over a virtualized grid, selection and bulk actions.
 *
 * New images appear at the top as they are made. Only the tiles near the viewport are in the
 * DOM, however many images there are. Click (or Enter) opens an image in the lightbox;
 * Ctrl/⌘-click, Shift-click, the Select button and the keyboard (arrows, Shift+arrows, Space,
 * Ctrl/⌘+A, Esc, Delete) select. Needs the studio's client.
 *
 * @csspart base - The gallery's box.
 * @csspart toolbar - The search box and the filters.
 * @csspart bulk-bar - The actions over the selection.
 * @csspart confirm - The delete confirmation.
 * @csspart undo - The "Deleted … Undo" bar.
 * @csspart grid - The listbox of tiles (the virtualizer).
 * @csspart tile - Each image's tile (an option of the listbox).
 * @csspart image - Each tile's `<pixorly-image>`.
 * @csspart message - Loading, empty and error messages.
 * @csspart lightbox - The `<pixorly-lightbox>` images open in.
 * @csspart image-* - The parts of each tile's `<pixorly-image>`, re-exported with the prefix `image-` (`image-base`, `image-placeholder`, `image-image`).
 * @csspart lightbox-* - The parts of the `<pixorly-lightbox>`, re-exported with the prefix `lightbox-` (`lightbox-dialog`, `lightbox-delete-button`, …).
 *
 * @cssproperty --pixorly-color-accent - Selected tiles' outline.
 * @cssproperty --pixorly-color-surface - Toolbar and bars background.
 * @cssproperty --pixorly-color-border - Borders.
 * @cssproperty --pixorly-color-muted - Secondary text.
 * @cssproperty --pixorly-color-danger - The delete button.
 * @cssproperty --pixorly-space - Base spacing unit.
 *
 * Bulk actions: favorite, unfavorite, make public or private, add to a collection, tag, download as a ZIP (at most 100 images), delete.
 *
 * @event {ImagesDeletedDetail} pixorly-images-deleted - Images were deleted (after the undo window).
 * @event {UseSettingsDetail} pixorly-use-settings - From the lightbox: "Use these settings".
 * @event {PixorlyErrorDetail} pixorly-error - A bulk action failed.
 */
export class PixorlyGallery extends PixorlyElement {
  static override styles = [hostStyles, focusRing, buttonStyles, visuallyHidden, skeletonStyles, styles];
  static override dependencies = { "pixorly-image": PixorlyImage, "pixorly-lightbox": PixorlyLightbox };

  /** `grid` (square tiles) or `masonry` (each image in its own proportions). */
  @property({ reflect: true }) layout: GalleryLayout = "grid";

  /** The width a tile aims for, in px (tiles grow to fill each row); 0 picks 140 on narrow hosts (two columns on a phone) and 200 otherwise. */
  @property({ type: Number, attribute: "item-size" }) itemSize = 0;

  /** Images asked for per page. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 60;

  /** How long a delete can be undone, in seconds. */
  @property({ type: Number, attribute: "undo-seconds" }) undoSeconds = 8;

  /** Only the images of this collection (by date; the collections view shows their own order). */
  @property({ attribute: "collection-id" }) collectionId = "";

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  @state() private filters: GalleryFilterValues = NO_FILTERS;
  /** The search text in force (the box's text after a pause). */
  @state() private searchText = "";
  @state() private selecting = false;
  @state() private confirmingDelete = false;
  @state() private focusIndex = 0;
  @state() private message = "";

  @query('[part="grid"]') private gridElement: (HTMLElement & VirtualizerHostElement) | null | undefined;
  @query("pixorly-lightbox") private lightbox!: PixorlyLightbox;

  private readonly selection = new GallerySelection();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private lastVisible = -1;
  private readonly listing = new PaginatedQueryController(
    this,
    () => this.client,
    api.images.list,
    () => (this.searchText ? SKIP : { ...this.queryFilters(), sort: this.filters.sort }),
    () => this.pageSize,
  );
  private readonly searching = new PaginatedQueryController(
    this,
    () => this.client,
    api.images.search,
    () => (this.searchText ? { text: this.searchText, ...this.queryFilters() } : SKIP),
    () => this.pageSize,
  );
  private readonly models = new QueryController(
    this,
    () => this.client,
    api.models.list,
    () => ({}),
  );
  private readonly tags = new QueryController(
    this,
    () => this.client,
    api.images.tags,
    () => ({}),
  );
  private readonly collections = new QueryController(
    this,
    () => this.client,
    api.collections.list,
    () => (this.selection.size > 0 ? {} : SKIP),
  );
  private readonly bulk = new GalleryBulkActions(this, () => this.client, {
    report: (message) => (this.message = message),
    deleted: (imageIds) => this.emit("images-deleted", { imageIds }),
    failed: (code, message) => this.emit("error", { code, message }),
  });
  private layoutFor = { key: "", value: undefined as ReturnType<typeof virtualLayout> | undefined };
  @state() private narrow = false;
  private readonly resize = new ResizeObserver(([entry]) => {
    const narrow = (entry?.contentRect.width ?? 0) < NARROW_PX;
    if (narrow !== this.narrow) this.narrow = narrow;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  /** The images shown, in order (those waiting out their undo window left out). */
  get images(): ImageDoc[] {
    const pending = new Set(this.bulk.pendingDelete);
    const items = this.active.items as ImageDoc[];
    return pending.size === 0 ? items : items.filter((image) => !pending.has(image._id));
  }

  /** The ids of the selected images, in gallery order. */
  get selectedIds(): string[] {
    return this.selection.inOrder(this.images.map((image) => image._id));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    clearTimeout(this.searchTimer);
    // Leaving the page mid-window still deletes what the person deleted.
    void this.bulk.flushDelete();
  }

  protected override updated(): void {
    this.maybeLoadMore();
  }

  override render() {
    const images = this.images;
    const count = this.selectedIds.length;
    return html`<div part="base" class="gallery">
      ${galleryToolbar({
        values: this.filters,
        models: this.models.value ?? [],
        tags: this.tags.value ?? [],
        selecting: this.selecting,
        onChange: (change) => this.changeFilters(change),
        onToggleSelecting: () => (this.selecting = !this.selecting),
      })}
      ${bulkBar({
        count,
        busy: this.bulk.busy,
        confirmingDelete: this.confirmingDelete && count > 0,
        collections: this.collections.value ?? [],
        onAction: (action) =>
          action === "delete" ? (this.confirmingDelete = true) : void this.bulk.run(action, this.selectedIds),
        onAddToCollection: (id) => void this.bulk.addToCollection(id, this.collections.value ?? [], this.selectedIds),
        onAddTag: (tag) => void this.addTag(tag),
        tagError: this.bulk.tagError,
        onTagInput: () => this.bulk.clearTagError(),
        onDownloadZip: () => void this.bulk.downloadZip(this.selectedIds),
        onConfirmDelete: () => this.deleteSelected(),
        onCancelDelete: () => (this.confirmingDelete = false),
        onClear: () => this.clearSelection(),
      })}
      ${undoBar(this.bulk.pendingDelete.length, () => this.bulk.undoDelete())}
      <p class="visually-hidden" role="status">${this.message}</p>
      ${this.renderContent(images)}
      <pixorly-lightbox part="lightbox" exportparts=${exportParts("pixorly-gallery", "lightbox")}></pixorly-lightbox>
    </div>`;
  }

  private async addTag(text: string): Promise<void> {
    if (!(await this.bulk.addTag(text, this.selectedIds))) return;
    const input = this.renderRoot.querySelector<HTMLInputElement>('.bulk input[name="tag"]');
    if (input) input.value = "";
  }

  private renderContent(images: ImageDoc[]) {
    const source = this.active;
    if (source.error)
      return html`<p part="message" class="message" role="alert">${toUserFacingError(source.error).message}</p>`;
    if (source.loading || !this.client)
      return html`<div part="message" class="message loading" role="status">
            <span class="visually-hidden">${msg("Loading images…")}</span>
            <span class="skeleton-grid tiles" aria-hidden="true">${Array.from({ length: 12 }, () => html`<span class="skeleton"></span>`)}</span>
          </div>`;
    if (images.length === 0) {
      const filtered = this.searchText || JSON.stringify(this.queryFilters()) !== "{}";
      return html`<p part="message" class="message">${filtered ? msg("No images match.") : msg("No images yet. Generate one and it appears here.")}</p>`;
    }
    return html`<div
        part="grid"
        class="grid"
        role="listbox"
        aria-label=${msg("Images")}
        aria-multiselectable="true"
        @keydown=${this.onKeydown}
        @rangeChanged=${(event: Event & { last: number }) => {
          this.lastVisible = event.last;
          this.maybeLoadMore();
        }}
      >
        ${virtualize({
          items: images,
          // The virtualizer can ask for one render past a list that just shrank (a delete): nothing there.
          keyFunction: (image: ImageDoc | undefined, index: number) => image?._id ?? `gone-${index}`,
          renderItem: (image: ImageDoc | undefined, index: number) =>
            image ? this.renderTile(image, index, images.length) : html``,
          layout: this.virtualLayout(),
        })}
      </div>
      ${source.loadingMore ? html`<p part="message" class="message">${msg("Loading more…")}</p>` : nothing}`;
  }

  private renderTile(image: ImageDoc, index: number, total: number) {
    const selected = this.selection.has(image._id);
    return html`<div
      part="tile"
      class="tile"
      role="option"
      data-index=${index}
      aria-selected=${selected ? "true" : "false"}
      aria-posinset=${index + 1}
      aria-setsize=${total}
      aria-label=${image.prompt}
      tabindex=${index === Math.min(this.focusIndex, total - 1) ? "0" : "-1"}
      @click=${(event: MouseEvent) => this.onTileClick(event, index)}
    >
      <pixorly-image part="image" exportparts=${exportParts("pixorly-gallery", "image")} .image=${image} request-width="256" sizes=${`${this.tileSize()}px`} alt=""></pixorly-image>
      ${image.favorite ? html`<span class="badge" aria-hidden="true">★</span>` : nothing}
    </div>`;
  }

  private tileSize(): number {
    return this.itemSize > 0 ? this.itemSize : this.narrow ? 140 : 200;
  }

  private get active() {
    return this.searchText ? this.searching : this.listing;
  }

  private queryFilters() {
    return { ...filterArgs(this.filters), ...(this.collectionId ? { collectionId: this.collectionId } : {}) };
  }

  /** The virtualizer's layout, the same object while its inputs stay (a new one would reset it). */
  private virtualLayout() {
    const key = `${this.layout}|${this.tileSize()}`;
    if (this.layoutFor.key !== key) this.layoutFor = { key, value: virtualLayout(this.layout, this.tileSize()) };
    return this.layoutFor.value;
  }

  private changeFilters(change: Partial<GalleryFilterValues>): void {
    this.filters = { ...this.filters, ...change };
    this.focusIndex = 0;
    if ("text" in change) {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => (this.searchText = this.filters.text.trim()), SEARCH_DELAY_MS);
    }
  }

  /** Keeps a page ahead of the last tile rendered (infinite scroll). */
  private maybeLoadMore(): void {
    const source = this.active;
    if (source.loading || source.loadingMore || source.isDone) return;
    if (this.lastVisible >= source.items.length - Math.ceil(this.pageSize / 2)) source.loadMore();
  }

  private onTileClick(event: MouseEvent, index: number): void {
    this.focusIndex = index;
    const order = this.images.map((image) => image._id);
    const id = order[index]!;
    if (event.shiftKey) this.selection.choose(id, order, { range: true, toggle: event.ctrlKey || event.metaKey });
    else if (event.ctrlKey || event.metaKey || this.selecting) this.selection.choose(id, order, { toggle: true });
    else {
      this.lightbox.show(this.images, index);
      return;
    }
    this.confirmingDelete = false;
    this.requestUpdate();
  }

  private onKeydown(event: KeyboardEvent): void {
    const tile = (event.composedPath()[0] as HTMLElement).closest?.<HTMLElement>('[part="tile"]');
    if (!tile) return;
    const images = this.images;
    const order = images.map((image) => image._id);
    const index = Number(tile.dataset.index);
    const action = galleryKeyAction(event, index, images.length, columnsIn(this.renderRoot));
    if (!action || (action.kind === "clear" && this.selection.size === 0)) return;
    event.preventDefault();
    switch (action.kind) {
      case "move":
        if (action.extend) this.selection.choose(order[action.to]!, order, { range: true });
        void this.focusTile(action.to);
        break;
      case "toggle":
        this.selection.choose(order[index]!, order, { toggle: !action.range, range: action.range });
        break;
      case "open":
        this.lightbox.show(images, index);
        break;
      case "select-all":
        this.selection.selectAll(order);
        break;
      case "clear":
        this.clearSelection();
        break;
      case "delete":
        if (this.selection.size === 0) this.selection.choose(order[index]!, order);
        this.confirmingDelete = true;
        break;
    }
    this.requestUpdate();
  }

  private async focusTile(index: number): Promise<void> {
    this.focusIndex = index;
    await this.updateComplete;
    await focusTile(this.renderRoot, this.gridElement, index);
  }

  private deleteSelected(): void {
    const ids = this.selectedIds;
    this.confirmingDelete = false;
    this.selection.clear();
    this.bulk.deleteWithUndo(ids, this.undoSeconds * 1000);
  }

  private clearSelection(): void {
    this.selection.clear();
    this.confirmingDelete = false;
    this.requestUpdate();
  }
}
