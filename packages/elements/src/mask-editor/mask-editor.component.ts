import { html, nothing, type PropertyValues } from "lit";
import { property, query, state } from "lit/decorators.js";
import { styleMap } from "lit/directives/style-map.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { buttonStyles, focusRing, hostStyles, visuallyHidden } from "../base/shared.styles.js";
import { msg, str } from "../i18n/localize.js";
import { maskToolbar } from "./mask-editor.toolbar.js";
import {
  hasPaint,
  MaskHistory,
  maskToPng,
  paintOnTop,
  paintSegment,
  paintStart,
  replay,
  type MaskStroke,
  type MaskTool,
} from "./mask-strokes.js";
import { clampZoom, fitScale, imagePoint, pinchOf, zoomStep } from "./mask-view.js";
import styles from "./mask-editor.styles.js";
import type { MaskExportDetail } from "../events/mask-events.js";

type Point = { x: number; y: number };

/**
 * @summary Paints a mask over an image — the area an inpainting model repaints — and exports it as a grayscale PNG the image's size.
 *
 * Mouse, pen and touch paint (two fingers pinch to zoom and pan); the keyboard too: focus the image,
 * move the brush with the arrow keys (Shift: faster) and hold Space to paint. Ctrl/⌘+Z undoes,
 * Shift+Ctrl/⌘+Z or Ctrl+Y redoes, + / − / 0 zoom, B / E pick brush or eraser, [ / ] change the size,
 * Esc cancels.
 * The mask is white where painted, black elsewhere, grey along feathered edges.
 *
 * @csspart toolbar - The row of controls.
 * @csspart tool-button - The brush and eraser buttons.
 * @csspart brush-button - The brush.
 * @csspart eraser-button - The eraser.
 * @csspart size-input - The brush size slider.
 * @csspart feather-input - The feather slider.
 * @csspart undo-button - Undo.
 * @csspart redo-button - Redo.
 * @csspart clear-button - Clear the mask.
 * @csspart zoom-button - Zoom out, fit and zoom in.
 * @csspart stage - The scrolling area that holds the image (focus it to paint with the keyboard).
 * @csspart image - The image being masked.
 * @csspart mask - The canvas showing the painted mask over the image.
 * @csspart cursor - The brush outline under the pointer or the keyboard cursor.
 * @csspart footer - The row with the hint, Cancel and the apply button.
 * @csspart cancel-button - Cancel.
 * @csspart apply-button - Use the mask (exports it).
 * @csspart message - What the last action did (a live region).
 *
 * @cssproperty --pixorly-mask-color - The overlay colour of the painted area (the mask itself is white).
 * @cssproperty --pixorly-mask-opacity - The overlay's opacity (0.5).
 * @cssproperty --pixorly-mask-editor-height - The editor's height (32rem).
 * @cssproperty --pixorly-color-surface - Toolbar background.
 * @cssproperty --pixorly-color-border - Borders.
 * @cssproperty --pixorly-color-accent - Focus ring, pressed tool, the apply button.
 *
 * @event {MaskExportDetail} pixorly-mask-export - "Use mask" was pressed on a painted mask: `{ mask: Blob, width, height }`.
 * @event pixorly-mask-cancel - "Cancel" (or Esc) was pressed.
 */
export class PixorlyMaskEditor extends PixorlyElement {
  static override styles = [hostStyles, focusRing, buttonStyles, visuallyHidden, styles];

  /** The image's URL (it is only shown, never read: any URL works, cross-origin too). */
  @property() src = "";

  /** The image's description, for screen readers. */
  @property() alt = "";

  /** The image's real width when `src` is a smaller rendition (the mask is this wide); else its natural width. */
  @property({ type: Number, attribute: "image-width" }) imageWidth = 0;

  /** The image's real height when `src` is a smaller rendition; else its natural height. */
  @property({ type: Number, attribute: "image-height" }) imageHeight = 0;

  /** Paint (`brush`) or take paint away (`eraser`). */
  @property({ reflect: true }) tool: MaskTool = "brush";

  /** The brush's diameter in the image's pixels. */
  @property({ type: Number, attribute: "brush-size" }) brushSize = 40;

  /** How soft the brush's edge is: 0 (hard) to 100 (soft from the centre). */
  @property({ type: Number }) feather = 20;

  /** 1 fits the image in the editor; up to 8. */
  @property({ type: Number, reflect: true }) zoom = 1;

  @state() private natural = { width: 0, height: 0 };
  @state() private box = { width: 0, height: 0 };
  @state() private cursor: (Point & { shown: boolean }) | undefined;
  @state() private message = "";
  @state() private loadFailed = false;
  /** Bumped when the history changes (its undo/redo buttons). */
  @state() private revision = 0;

  @query("canvas") private canvas?: HTMLCanvasElement;
  @query(".stage") private stage?: HTMLElement;
  @query(".content") private content?: HTMLElement;

  private readonly history = new MaskHistory();
  private stroke: { edit: MaskStroke; by: number | "keyboard" } | undefined;
  private readonly pointers = new Map<number, Point>();
  private pinch: { distance: number; zoom: number; x: number; y: number } | undefined;
  private color = "255, 45, 117";
  private readonly resize = new ResizeObserver(([entry]) => {
    if (entry) this.box = { width: entry.contentRect.width, height: entry.contentRect.height };
  });

  constructor() {
    super();
    this.addEventListener("keydown", (event) => this.onShortcut(event));
  }

  /** The mask's (and image's) size in pixels; 0 until the image has loaded or its size is given. */
  get size(): { width: number; height: number } {
    return {
      width: this.imageWidth || this.natural.width,
      height: this.imageHeight || this.natural.height,
    };
  }

  /** The largest brush: half the image's shorter side. */
  get maxBrushSize(): number {
    const { width, height } = this.size;
    return Math.max(16, Math.round(Math.min(width || 512, height || 512) / 2));
  }

  /** Whether anything is painted (an all-erased mask is empty). */
  get painted(): boolean {
    return !!this.canvas && hasPaint(this.canvas);
  }

  /** The mask as a PNG the image's size: white where painted (repaint), black elsewhere. */
  async exportMask(): Promise<Blob> {
    await this.updateComplete;
    if (!this.canvas || !this.size.width) throw new Error("The mask editor has no image yet.");
    return maskToPng(this.canvas);
  }

  /** Takes back the last stroke or clear. */
  undo(): void {
    if (!this.history.undo()) return;
    this.repaint();
    this.changed(msg("Undone."));
  }

  /** Puts back the last stroke or clear undone. */
  redo(): void {
    const edit = this.history.redo();
    if (!edit || !this.canvas) return;
    paintOnTop(this.canvas.getContext("2d")!, edit, this.color);
    this.changed(msg("Redone."));
  }

  /** Clears the mask (undoable). */
  clear(): void {
    if (!this.canvas) return;
    const edit = { tool: "clear" as const };
    this.history.push(edit);
    paintOnTop(this.canvas.getContext("2d")!, edit, this.color);
    this.changed(msg("Mask cleared."));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  protected override firstUpdated(): void {
    if (this.stage) this.resize.observe(this.stage);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("src")) {
      this.natural = { width: 0, height: 0 };
      this.loadFailed = false;
      this.history.reset();
      this.revision++;
    }
    if (changed.has("zoom")) this.zoom = clampZoom(this.zoom);
  }

  protected override updated(): void {
    const canvas = this.canvas;
    const { width, height } = this.size;
    if (!canvas || !width || (canvas.width === width && canvas.height === height)) return;
    // Resizing a canvas clears it: paint the history again at the new size.
    canvas.width = width;
    canvas.height = height;
    this.color = (getComputedStyle(canvas).color.match(/\d+(\.\d+)?/g) ?? ["255", "45", "117"]).slice(0, 3).join(", ");
    this.repaint();
  }

  override render() {
    const { width, height } = this.size;
    const scale = fitScale(this.box, this.size) * this.zoom;
    const diameter = this.brushSize * scale;
    return html`${maskToolbar(
      {
        tool: this.tool,
        brushSize: this.brushSize,
        maxBrushSize: this.maxBrushSize,
        feather: this.feather,
        zoom: this.zoom,
        canUndo: this.history.canUndo,
        canRedo: this.history.canRedo,
      },
      {
        tool: (tool) => this.setTool(tool),
        brushSize: (size) => (this.brushSize = size),
        feather: (feather) => (this.feather = feather),
        undo: () => this.undo(),
        redo: () => this.redo(),
        clear: () => this.clear(),
        zoom: (direction) => this.zoomTo(direction === 0 ? 1 : zoomStep(this.zoom, direction)),
      },
    )}
      <div
        part="stage"
        class="stage"
        tabindex="0"
        role="application"
        aria-label=${this.alt ? msg(str`Mask over ${this.alt}`) : msg("Mask over the image")}
        aria-describedby="hint"
        @keydown=${this.onStageKey}
        @keyup=${this.onStageKeyUp}
        @focus=${this.onStageFocus}
        @blur=${this.onStageBlur}
        @wheel=${this.onWheel}
      >
        <div
          class="content"
          style=${styleMap({ width: `${width * scale}px`, height: `${height * scale}px` })}
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp}
          @pointerleave=${this.onPointerLeave}
        >
          <img part="image" src=${this.src} alt="" draggable="false" @load=${this.onLoad} @error=${() => (this.loadFailed = true)} />
          <canvas part="mask"></canvas>
          ${
            this.cursor?.shown
              ? html`<div
                part="cursor"
                class="cursor"
                style=${styleMap({
                  width: `${diameter}px`,
                  height: `${diameter}px`,
                  left: `${this.cursor.x * scale - diameter / 2}px`,
                  top: `${this.cursor.y * scale - diameter / 2}px`,
                })}
              ></div>`
              : nothing
          }
        </div>
        ${this.loadFailed ? html`<p class="load-error" role="alert">${msg("The image could not be loaded.")}</p>` : nothing}
      </div>
      <div part="footer" class="footer">
        <p id="hint" class="hint">
          ${msg("Paint over what should change. Keyboard: arrow keys move the brush, hold Space to paint.")}
        </p>
        <button type="button" part="cancel-button" class="cancel" @click=${() => this.emit("mask-cancel")}>${msg("Cancel")}</button>
        <button type="button" part="apply-button" class="apply" data-variant="primary" ?disabled=${!width} @click=${this.apply}>
          ${msg("Use mask")}
        </button>
      </div>
      <p part="message" class="visually-hidden" role="status">${this.message}</p>`;
  }

  private changed(message: string): void {
    this.revision++;
    this.message = message;
  }

  private repaint(): void {
    if (this.canvas) replay(this.canvas.getContext("2d")!, this.history.edits, this.color);
  }

  private setTool(tool: MaskTool): void {
    this.tool = tool;
    this.message = tool === "brush" ? msg("Brush.") : msg("Eraser.");
  }

  private async apply(): Promise<void> {
    if (!this.painted) {
      this.message = msg("Paint over the area to change first.");
      return;
    }
    const mask = await this.exportMask();
    this.emit("mask-export", { mask, ...this.size } satisfies MaskExportDetail);
  }

  private onLoad(event: Event): void {
    const image = event.target as HTMLImageElement;
    this.natural = { width: image.naturalWidth, height: image.naturalHeight };
  }

  // --- painting -------------------------------------------------------------------------------

  private beginStroke(point: [number, number], by: number | "keyboard"): void {
    if (!this.canvas || !this.size.width) return;
    const edit: MaskStroke = { tool: this.tool, size: this.brushSize, feather: this.feather, points: [point] };
    this.stroke = { edit, by };
    const ctx = this.canvas.getContext("2d")!;
    ctx.save();
    paintStart(ctx, edit, this.color);
    ctx.restore();
  }

  private extendStroke(point: [number, number]): void {
    const stroke = this.stroke;
    if (!stroke || !this.canvas) return;
    const last = stroke.edit.points[stroke.edit.points.length - 1]!;
    if (last[0] === point[0] && last[1] === point[1]) return;
    stroke.edit.points.push(point);
    const ctx = this.canvas.getContext("2d")!;
    ctx.save();
    paintSegment(ctx, last, point, stroke.edit, this.color);
    ctx.restore();
  }

  private endStroke(): void {
    if (!this.stroke) return;
    this.history.push(this.stroke.edit);
    this.stroke = undefined;
    this.revision++;
  }

  /** A second finger landed: what the first one painted was the start of a pinch, not a stroke. */
  private dropStroke(): void {
    if (!this.stroke) return;
    this.stroke = undefined;
    this.repaint();
  }

  private pointAt(client: Point): [number, number] {
    return imagePoint(client, this.content!.getBoundingClientRect(), this.size);
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    event.preventDefault();
    this.stage?.focus({ preventScroll: true });
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    try {
      this.content?.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic pointer (tests, assistive tools) cannot be captured; painting works without.
    }
    if (this.pointers.size >= 2) {
      this.dropStroke();
      this.pinch = { ...pinchOf(this.pointers.values()), zoom: this.zoom };
      return;
    }
    const point = this.pointAt({ x: event.clientX, y: event.clientY });
    this.cursor = { x: point[0], y: point[1], shown: event.pointerType !== "touch" };
    this.beginStroke(point, event.pointerId);
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.pointers.has(event.pointerId)) this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (this.pinch) return this.movePinch();
    const point = this.pointAt({ x: event.clientX, y: event.clientY });
    if (event.pointerType !== "touch") this.cursor = { x: point[0], y: point[1], shown: true };
    if (this.stroke?.by !== event.pointerId) return;
    // Coalesced events: every position the pointer passed since the last frame, so fast strokes stay round.
    const events = event.getCoalescedEvents?.() ?? [];
    for (const each of events.length ? events : [event])
      this.extendStroke(this.pointAt({ x: each.clientX, y: each.clientY }));
  }

  private onPointerUp(event: PointerEvent): void {
    this.pointers.delete(event.pointerId);
    if (this.pinch && this.pointers.size < 2) this.pinch = undefined;
    if (this.stroke?.by === event.pointerId) this.endStroke();
    if (event.pointerType === "touch" && this.cursor) this.cursor = { ...this.cursor, shown: false };
  }

  private onPointerLeave(event: PointerEvent): void {
    if (
      event.pointerType !== "touch" &&
      this.cursor &&
      this.stroke === undefined &&
      this.stage !== this.shadowRoot!.activeElement
    )
      this.cursor = { ...this.cursor, shown: false };
  }

  private movePinch(): void {
    const pinch = this.pinch!;
    const now = pinchOf(this.pointers.values());
    if (!pinch.distance) return;
    this.zoomTo(pinch.zoom * (now.distance / pinch.distance), now);
    // Both fingers moving together pan the view.
    this.stage?.scrollBy(pinch.x - now.x, pinch.y - now.y);
    pinch.x = now.x;
    pinch.y = now.y;
  }

  // --- keyboard -------------------------------------------------------------------------------

  private onStageFocus(): void {
    const { width, height } = this.size;
    if (!this.cursor) this.cursor = { x: width / 2, y: height / 2, shown: true };
    else this.cursor = { ...this.cursor, shown: true };
  }

  private onStageBlur(): void {
    if (this.stroke?.by === "keyboard") this.endStroke();
    if (this.cursor) this.cursor = { ...this.cursor, shown: false };
  }

  private onStageKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = Math.max(1, Math.round(this.brushSize / 4)) * (event.shiftKey ? 4 : 1);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    const { width, height } = this.size;
    const cursor = this.cursor ?? { x: width / 2, y: height / 2, shown: true };
    if (move) {
      event.preventDefault();
      const x = Math.min(width, Math.max(0, cursor.x + move[0]));
      const y = Math.min(height, Math.max(0, cursor.y + move[1]));
      this.cursor = { x, y, shown: true };
      if (this.stroke?.by === "keyboard") this.extendStroke([x, y]);
    } else if (event.key === " ") {
      event.preventDefault();
      if (!event.repeat && !this.stroke) this.beginStroke([cursor.x, cursor.y], "keyboard");
    }
  }

  private onStageKeyUp(event: KeyboardEvent): void {
    if (event.key === " " && this.stroke?.by === "keyboard") this.endStroke();
  }

  /** Shortcuts anywhere in the editor (the sliders and buttons included). */
  private onShortcut(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey) return;
    if (event.key === "Escape") {
      // Handled here, so a dialog around the editor (the lightbox) is not closed by the same key.
      event.preventDefault();
      this.emit("mask-cancel");
      return;
    }
    const key = event.key.toLowerCase();
    if (event.ctrlKey || event.metaKey) {
      if (key === "z" && !event.shiftKey) this.undo();
      else if ((key === "z" && event.shiftKey) || key === "y") this.redo();
      else return;
      event.preventDefault();
      return;
    }
    const actions: Record<string, () => void> = {
      "+": () => this.zoomTo(zoomStep(this.zoom, 1)),
      "=": () => this.zoomTo(zoomStep(this.zoom, 1)),
      "-": () => this.zoomTo(zoomStep(this.zoom, -1)),
      "0": () => this.zoomTo(1),
      b: () => this.setTool("brush"),
      e: () => this.setTool("eraser"),
      "[": () => (this.brushSize = Math.max(2, Math.round(this.brushSize / 1.25))),
      "]": () => (this.brushSize = Math.min(this.maxBrushSize, Math.round(this.brushSize * 1.25) + 1)),
    };
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  // --- zoom -----------------------------------------------------------------------------------

  private onWheel(event: WheelEvent): void {
    // A plain wheel scrolls; Ctrl/⌘ + wheel (and a trackpad pinch, which browsers send as one) zooms.
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    this.zoomTo(this.zoom * Math.exp(-event.deltaY / 300), { x: event.clientX, y: event.clientY });
  }

  /** Zooms to `zoom`, keeping the image point under `anchor` (a client point; the stage's centre by default) in place. */
  private zoomTo(zoom: number, anchor?: Point): void {
    const next = clampZoom(zoom);
    const stage = this.stage;
    const content = this.content;
    if (next === this.zoom || !stage || !content) return;
    const box = stage.getBoundingClientRect();
    const at = anchor ?? { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    const before = content.getBoundingClientRect();
    const fx = (at.x - before.left) / (before.width || 1);
    const fy = (at.y - before.top) / (before.height || 1);
    this.zoom = next;
    this.message = msg(str`Zoom ${Math.round(next * 100)} %.`);
    void this.updateComplete.then(() => {
      const after = content.getBoundingClientRect();
      stage.scrollBy(after.left + fx * after.width - at.x, after.top + fy * after.height - at.y);
    });
  }
}
