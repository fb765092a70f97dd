import { consume } from "@lit/context";
import { html, nothing, type PropertyValues } from "lit";
import { property, query, state } from "lit/decorators.js";
import { styleMap } from "lit/directives/style-map.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, visuallyHidden } from "../base/shared.styles.js";
import { api, type CollectionDoc, type ImageDoc } from "../client/api.js";
import { clientContext } from "../client/client-context.js";
import { toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { msg, str } from "../i18n/localize.js";
import { PixorlyImage } from "../image/image.component.js";
import { copyText } from "../internal/copy-text.js";
import { deepActiveElement, trapTab } from "../internal/focus-trap.js";
import {
  closeDialog,
  dialogFallbackStyles,
  isDialogOpen,
  showDialog,
  supportsDialog,
} from "../internal/dialog-fallback.js";
import { downloadImage } from "../internal/save-file.js";
import { ShownError, shownMessage } from "../internal/shown-error.js";
import { swipeHandlers } from "../internal/swipe.js";
import { checkTag } from "../library/tag-input.js";
import { lightboxActions, type DownloadChoice } from "./lightbox-actions.js";
import { tagEditor } from "./lightbox-tags.js";
import { metadataPanel, metadataRows, type MetadataRow } from "./lightbox-metadata.js";
import { exportParts } from "../internal/parts.js";
import { ImageEditsController } from "./image-edits.js";
import { editStage, imageEditActions, lineageChain } from "./image-edits.template.js";
import imageEditsStyles from "./image-edits.styles.js";
import styles from "./lightbox.styles.js";

/**
 * @summary A full-screen view of one image at a time: arrows, swipe, zoom to 100 %, what made it, and what to do with it.
 *
 * Open it with `show(images, index)`; focus stays inside while it is open and returns to where
 * it was when it closes. Needs the studio's client (it sits inside `<pixorly-studio>`, or a page
 * provides `clientContext`).
 *
 * @csspart dialog - The full-screen `<dialog>`.
 * @csspart toolbar - The row with the position, previous/next, zoom and close.
 * @csspart stage - The area that shows the image (scrolls at 100 %).
 * @csspart image - The `<pixorly-image>`.
 * @csspart panel - The side panel with the metadata and the actions.
 * @csspart metadata - The metadata list.
 * @csspart copy-button - Each metadata row's copy button.
 * @csspart actions - The row of actions.
 * @csspart action - Every action button (each also has its own part, below).
 * @csspart download-button - The Download action.
 * @csspart share-button - The Share action.
 * @csspart use-settings-button - The "Use these settings" action.
 * @csspart favorite-button - The favourite toggle.
 * @csspart collection-button - The "Add to collection" action.
 * @csspart delete-button - The Delete action.
 * @csspart collections - The list of collections, those holding the image checked (choosing one adds or takes it out).
 * @csspart tags - The tag editor (the image's tags, add and remove, the count against the limit of 20).
 * @csspart tag - Each tag.
 * @csspart confirm - The delete confirmation.
 * @csspart message - What the last action did (a live region).
 * @csspart variations-button - "Variations" (issue 16: each operation runs on a model that supports it).
 * @csspart upscale-button - "Upscale ×2" and "Upscale ×4".
 * @csspart remove-background-button - "Remove background".
 * @csspart edit-area-button - "Edit area" (opens the mask editor in the stage's place).
 * @csspart edit-actions - The section with those operations.
 * @csspart edit-reason - Why an operation is not offered (no model supports it).
 * @csspart inpaint-prompt - What to paint into the area, while editing it.
 * @csspart edit-area - The stage while an area is edited (holds the `<pixorly-mask-editor>`).
 * @csspart lineage - The images this one was made from, with links to them.
 * @csspart lineage-link - Each source image's link.
 * @csspart image-* - The parts of the `<pixorly-image>`, re-exported with the prefix `image-` (`image-base`, `image-placeholder`, `image-image`).
 * @csspart mask-editor-* - The parts of the `<pixorly-mask-editor>` (Edit area), re-exported with the prefix `mask-editor-` (`mask-editor-apply-button`, …).
 *
 * @cssproperty --pixorly-lightbox-backdrop - The colour behind the image (near-black).
 * @cssproperty --pixorly-color-surface - Panel background.
 * @cssproperty --pixorly-color-border - Panel and button borders.
 * @cssproperty --pixorly-color-muted - Metadata labels.
 * @cssproperty --pixorly-color-accent - Focus ring, pressed buttons.
 * @cssproperty --pixorly-color-danger - The delete button.
 *
 * @event {UseSettingsDetail} pixorly-use-settings - "Use these settings" was pressed.
 * @event {ImagesDeletedDetail} pixorly-images-deleted - Images were deleted.
 * @event {undefined} pixorly-lightbox-close - The lightbox closed (Esc, the close button, or after the last image was deleted).
 * @event {PixorlyErrorDetail} pixorly-error - An action failed.
 * @event {JobCreatedDetail} pixorly-job-created - A job was created from the image (variations, upscale, background removal, edit area).
 */
export class PixorlyLightbox extends PixorlyElement {
  static override styles = [
    hostStyles,
    focusRing,
    buttonStyles,
    visuallyHidden,
    dialogFallbackStyles,
    styles,
    imageEditsStyles,
  ];
  static override dependencies = { "pixorly-image": PixorlyImage };

  /** The images to step through. */
  @property({ attribute: false }) images: ImageDoc[] = [];

  /** The position of the image shown in `images`. */
  @property({ type: Number }) index = 0;

  /** Whether the lightbox is showing (read-only: use `show()` and `close()`). */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The image at 100 % (its own pixels, scrolling) instead of fitted to the screen. */
  @property({ type: Boolean, reflect: true }) zoomed = false;

  @consume({ context: clientContext, subscribe: true })
  @state()
  private client: StudioClient | undefined;

  @state() private busy = false;
  @state() private message = "";
  @state() private confirmingDelete = false;
  @state() private collectionsOpen = false;
  @state() private downloadChoice: DownloadChoice = { width: "", format: "" };
  /** Favorites changed here, until the images given catch up. */
  @state() private favorites = new Map<string, boolean>();
  /** Tags changed here, per image, until the images given catch up. */
  @state() private tags = new Map<string, string[]>();
  @state() private tagDraft = "";
  @state() private tagError = "";
  /** Memberships changed here (collection id → holds the image), for the image shown. */
  @state() private membership = new Map<string, boolean>();

  @query("dialog") private dialog!: HTMLDialogElement;
  @query(".stage") private stage?: HTMLElement;

  private returnFocus: HTMLElement | null = null;
  /** The id of the image the panel's state (confirmation, collections list, tag field) belongs to. */
  private shownId: string | undefined;
  private readonly job = new QueryController(
    this,
    () => this.client,
    api.jobs.get,
    () => (this.open && this.current ? { jobId: this.current.jobId } : SKIP),
  );
  private readonly models = new QueryController(
    this,
    () => this.client,
    api.models.list,
    () => (this.open ? {} : SKIP),
  );
  private readonly collections = new QueryController(
    this,
    () => this.client,
    api.collections.list,
    () => (this.collectionsOpen ? {} : SKIP),
  );
  private readonly memberOf = new QueryController(
    this,
    () => this.client,
    api.collections.forImage,
    () => (this.collectionsOpen && this.current ? { imageId: this.current._id } : SKIP),
  );
  private readonly swipe = swipeHandlers((direction) => (direction === "left" ? this.next() : this.previous()));
  /** Variations, upscale, background removal, edit area, and the lineage (issue 16). */
  private readonly edits = new ImageEditsController(this, {
    client: () => this.client,
    image: () => this.current,
    models: () => this.models.value ?? undefined,
    open: () => this.open,
    run: (action) => this.run(action),
    say: (message) => (this.message = message),
    created: (jobId, model) => this.emit("job-created", { jobId, model }),
  });

  /** The image shown, if any. */
  get current(): ImageDoc | undefined {
    return this.images[this.index];
  }

  /** Opens on `images[index]`; focus comes back to whatever had it when the lightbox closes. */
  show(images: ImageDoc[] = this.images, index = 0): void {
    this.returnFocus = deepActiveElement();
    this.images = images;
    this.index = Math.max(0, Math.min(index, images.length - 1));
    this.open = true;
  }

  /** Closes and gives focus back. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.emit("lightbox-close");
  }

  /** Shows the next image (stays on the last). */
  next(): void {
    this.go(this.index + 1);
  }

  /** Shows the previous image (stays on the first). */
  previous(): void {
    this.go(this.index - 1);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("images")) this.index = Math.max(0, Math.min(this.index, this.images.length - 1));
    // A new image shown resets what was open for the last one; a live update of the same image
    // (the gallery passes new documents as they change) keeps what is being typed or chosen.
    const shownId = this.current?._id;
    if ((changed.has("index") || changed.has("images")) && shownId !== this.shownId) {
      this.shownId = shownId;
      this.confirmingDelete = false;
      this.collectionsOpen = false;
      this.membership = new Map();
      this.tagDraft = "";
      this.tagError = "";
      this.edits.editing = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has("open")) return;
    if (this.open && !isDialogOpen(this.dialog)) {
      showDialog(this.dialog);
      this.renderRoot.querySelector<HTMLElement>(".close")?.focus();
    } else if (!this.open) {
      if (isDialogOpen(this.dialog)) closeDialog(this.dialog);
      this.zoomed = false;
      this.message = "";
      const target = this.returnFocus;
      this.returnFocus = null;
      if (target?.isConnected) target.focus();
    }
  }

  override render() {
    const image = this.current;
    return html`<dialog
      part="dialog"
      aria-label=${image ? msg(str`Image ${this.index + 1} of ${this.images.length}`) : msg("Image viewer")}
      @cancel=${this.onCancel}
      @keydown=${this.onKeydown}
    >
      ${this.open && image ? this.renderImage(image) : nothing}
    </dialog>`;
  }

  private renderImage(image: ImageDoc) {
    const favorite = this.favorites.get(image._id) ?? image.favorite ?? false;
    const model = this.models.value?.find((m) => m.id === image.model);
    const rows = metadataRows(image, this.job.value ?? undefined, model);
    const size = this.zoomed
      ? { width: `${image.width}px`, height: `${image.height}px` }
      : { "--ratio": String(image.width / image.height) };
    return html`<div class="layout">
      <div part="toolbar" class="toolbar">
        <span class="position">${this.index + 1} / ${this.images.length}</span>
        <button type="button" class="previous" aria-label=${msg("Previous image")} ?disabled=${this.index === 0} @click=${this.previous}>←</button>
        <button type="button" class="next" aria-label=${msg("Next image")} ?disabled=${this.index >= this.images.length - 1} @click=${this.next}>→</button>
        <button type="button" class="zoom" aria-pressed=${this.zoomed ? "true" : "false"} @click=${() => (this.zoomed = !this.zoomed)}>100 %</button>
        <button type="button" class="close" aria-label=${msg("Close")} @click=${this.close}>✕</button>
      </div>
      ${
        this.edits.editing
          ? editStage(this.edits, image, { inpaint: (mask) => void this.edits.inpaint(image, mask) })
          : html`<div
        part="stage"
        class="stage"
        tabindex=${this.zoomed ? "0" : nothing}
        role=${this.zoomed ? "region" : nothing}
        aria-label=${this.zoomed ? msg("Image at 100 %, scroll with the arrow keys") : nothing}
        @pointerdown=${this.swipe.pointerdown}
        @pointerup=${this.swipe.pointerup}
        @pointercancel=${this.swipe.pointercancel}
      >
        <pixorly-image
          part="image"
          exportparts=${exportParts("pixorly-lightbox", "image")}
          .image=${image}
          style=${styleMap(size)}
          request-width=${this.zoomed ? 0 : 1024}
          sizes=${this.zoomed ? "" : "(min-width: 56rem) 70vw, 100vw"}
        ></pixorly-image>
      </div>`
      }
      <aside part="panel" class="panel" aria-label=${msg("Image details")}>
        ${metadataPanel(rows, (row) => void this.copyRow(row))}
        ${lineageChain(this.edits.lineage.value ?? undefined, (imageId) => void this.openSource(imageId))}
        ${lightboxActions(
          {
            image,
            favorite,
            busy: this.busy,
            confirmingDelete: this.confirmingDelete,
            collections: this.collectionsOpen ? (this.collections.value ?? []) : undefined,
            collectionsLoading:
              this.collections.loading || (this.memberOf.loading && !this.memberOf.value && !this.memberOf.error),
            memberOf: this.memberSet(),
            download: this.downloadChoice,
          },
          {
            download: () => void this.download(image),
            chooseDownload: (choice) => (this.downloadChoice = { ...this.downloadChoice, ...choice }),
            copyLink: () => void this.copyLink(image),
            useSettings: () => this.useSettings(image),
            toggleFavorite: () => void this.setFavorite(image, !favorite),
            toggleCollections: () => (this.collectionsOpen = !this.collectionsOpen),
            toggleCollection: (collection, member) => void this.toggleCollection(image, collection, member),
            askDelete: () => (this.confirmingDelete = true),
            confirmDelete: () => void this.deleteImage(image),
            cancelDelete: () => (this.confirmingDelete = false),
          },
        )}
        ${imageEditActions(this.edits, image, this.busy, {
          variations: () => void this.edits.variations(image),
          upscale: (scale) => void this.edits.upscale(image, scale),
          removeBackground: () => void this.edits.removeBackground(image),
          editArea: () => (this.edits.editing ? this.edits.cancelEdit() : void this.edits.startEdit(image)),
        })}
        ${tagEditor(
          { tags: this.tagsOf(image), draft: this.tagDraft, error: this.tagError, busy: this.busy },
          {
            draft: (text) => {
              this.tagDraft = text;
              this.tagError = "";
            },
            add: () => void this.addTag(image),
            remove: (tag) => void this.removeTag(image, tag),
          },
        )}
        <p part="message" class="message" role="status">${this.message}</p>
      </aside>
    </div>`;
  }

  private go(index: number): void {
    if (index < 0 || index >= this.images.length || index === this.index) return;
    this.index = index;
    this.message = "";
  }

  private onCancel(event: Event): void {
    // Esc: close through close() so the event fires and focus is given back; while an area is edited, Esc leaves the editor.
    event.preventDefault();
    if (this.edits.editing) return this.edits.cancelEdit();
    this.close();
  }

  /** Shows a source image from the lineage: in the list when it is there, else fetched and added to it. */
  private async openSource(imageId: string): Promise<void> {
    const index = this.images.findIndex((image) => image._id === imageId);
    if (index >= 0) return this.go(index);
    const client = this.client;
    if (!client) return;
    const doc = await new Promise<ImageDoc | null>((resolve) => {
      const stop = client.watch(
        api.images.get,
        { imageId },
        (value) => {
          queueMicrotask(() => stop());
          resolve(value);
        },
        () => resolve(null),
      );
    });
    if (!doc) {
      this.message = msg("That image is no longer available.");
      return;
    }
    this.images = [...this.images, doc];
    this.go(this.images.length - 1);
  }

  private onKeydown(event: KeyboardEvent): void {
    trapTab(event, this.dialog, this.shadowRoot!);
    // Without <dialog> there is no `cancel` event: Esc closes here (internal/dialog-fallback.ts).
    if (event.key === "Escape" && !supportsDialog(this.dialog)) return void this.close();
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    // At 100 % the focused stage scrolls with the arrow keys (the browser's own scrolling), so they do not turn pages there.
    if (this.zoomed && event.composedPath()[0] === this.stage) return;
    if (event.key === "ArrowRight") this.next();
    else if (event.key === "ArrowLeft") this.previous();
  }

  private async copyRow(row: MetadataRow): Promise<void> {
    this.message = (await copyText(row.value))
      ? msg(str`${row.label} copied.`)
      : msg(str`Could not copy: ${row.label}.`);
  }

  private async copyLink(image: ImageDoc): Promise<void> {
    await this.run(async (client) => {
      // A public image's URL from the edge API is unsigned and permanent: that is the share link.
      const signed = await client.signedUrl(image._id);
      if (!signed) throw new ShownError(msg("This image is not available."));
      this.message = (await copyText(signed.url)) ? msg("Share link copied.") : msg("Could not copy the link.");
    });
  }

  private async download(image: ImageDoc): Promise<void> {
    await this.run(async (client) => {
      const { width, format } = this.downloadChoice;
      const { name, via } = await downloadImage(client, image, {
        ...(width ? { w: Number(width) } : {}),
        ...(format ? { f: format } : {}),
      });
      this.message = via === "link" ? msg(str`Downloading ${name}.`) : msg(str`Saved ${name}.`);
    });
  }

  private useSettings(image: ImageDoc): void {
    const job = this.job.value ?? undefined;
    const negativePrompt = job?.negativePrompt;
    this.emit("use-settings", {
      image,
      prompt: image.prompt,
      ...(negativePrompt ? { negativePrompt } : {}),
      model: image.model,
      parameters: {
        ...job?.parameters,
        ...image.parameters,
        seed: image.seed,
        width: image.width,
        height: image.height,
      },
    });
    this.close();
  }

  private async setFavorite(image: ImageDoc, favorite: boolean): Promise<void> {
    this.favorites = new Map(this.favorites).set(image._id, favorite);
    const ok = await this.run((client) => client.mutation(api.images.setFavorite, { ids: [image._id], favorite }));
    if (!ok) this.favorites = new Map(this.favorites).set(image._id, !favorite);
  }

  /** The collections holding the shown image: the backend's answer, with this session's changes over it. */
  private memberSet(): ReadonlySet<string> {
    const ids = new Set(this.memberOf.value ?? []);
    for (const [id, member] of this.membership) {
      if (member) ids.add(id);
      else ids.delete(id);
    }
    return ids;
  }

  private async toggleCollection(image: ImageDoc, collection: CollectionDoc, member: boolean): Promise<void> {
    const ref = member ? api.collections.removeImages : api.collections.addImages;
    const ok = await this.run((client) => client.mutation(ref, { id: collection._id, imageIds: [image._id] }));
    if (!ok) return;
    this.membership = new Map(this.membership).set(collection._id, !member);
    this.message = member ? msg(str`Removed from ${collection.name}.`) : msg(str`Added to ${collection.name}.`);
  }

  private tagsOf(image: ImageDoc): string[] {
    return this.tags.get(image._id) ?? image.tags ?? [];
  }

  private async addTag(image: ImageDoc): Promise<void> {
    const before = this.tagsOf(image);
    const checked = checkTag(this.tagDraft, before);
    if (checked.error !== undefined) {
      this.tagError = checked.error;
      return;
    }
    const ok = await this.run((client) =>
      client.mutation(api.images.addTags, { ids: [image._id], tags: [checked.tag] }),
    );
    if (!ok) {
      this.tagError = this.message;
      return;
    }
    this.tags = new Map(this.tags).set(image._id, [...before, checked.tag]);
    this.tagDraft = "";
    this.tagError = "";
    this.message = msg(str`Tagged “${checked.tag}”.`);
  }

  private async removeTag(image: ImageDoc, tag: string): Promise<void> {
    const before = this.tagsOf(image);
    const ok = await this.run((client) => client.mutation(api.images.removeTags, { ids: [image._id], tags: [tag] }));
    if (!ok) return;
    this.tags = new Map(this.tags).set(
      image._id,
      before.filter((other) => other !== tag),
    );
    this.tagError = "";
    this.message = msg(str`Removed tag “${tag}”.`);
    await this.updateComplete;
    // The button pressed is gone: keep focus in the editor.
    this.renderRoot.querySelector<HTMLElement>(".remove-tag, #tag-input")?.focus();
  }

  private async deleteImage(image: ImageDoc): Promise<void> {
    const ok = await this.run((client) => client.mutation(api.images.removeMany, { ids: [image._id] }));
    if (!ok) return;
    this.emit("images-deleted", { imageIds: [image._id] });
    const images = this.images.filter((other) => other._id !== image._id);
    if (images.length === 0) {
      this.close();
      this.images = images;
      return;
    }
    this.images = images;
    this.message = msg("Image deleted.");
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".close")?.focus();
  }

  /** Runs an action with the client, showing and emitting its failure; resolves to whether it worked. */
  private async run(action: (client: StudioClient) => Promise<unknown>): Promise<boolean> {
    const client = this.client;
    if (!client || this.busy) return false;
    this.busy = true;
    try {
      await action(client);
      return true;
    } catch (error) {
      const problem = toUserFacingError(error);
      const message = shownMessage(error, problem.message);
      this.message = message;
      this.emit("error", { code: problem.code, message });
      return false;
    } finally {
      this.busy = false;
    }
  }
}
