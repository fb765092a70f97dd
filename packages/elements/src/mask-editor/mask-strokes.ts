/**
 * The mask as a list of edits (strokes and clears) in the image's own pixels, painted onto one canvas
 * the image's size. Keeping edits instead of bitmaps makes undo and redo exact and cheap in memory
 * (a replay, not a 4-bytes-per-pixel snapshot per step), and one painter serves the screen, the replay
 * and the export. The canvas's alpha is the mask; its colour only tints the overlay on screen.
 * Colours are given as "r, g, b" (what `getComputedStyle` resolves a theme colour to), so the soft edge
 * fades the same colour to alpha 0 rather than through black.
 */

export type MaskTool = "brush" | "eraser";

export interface MaskStroke {
  tool: MaskTool;
  /** Diameter in image pixels. */
  size: number;
  /** The soft share of the radius, 0 (a hard edge) to 100 (soft from the centre). */
  feather: number;
  points: Array<[number, number]>;
}

export type MaskEdit = MaskStroke | { tool: "clear" };

/** Undo and redo over the edits: a new edit drops what was undone. */
export class MaskHistory {
  private done: MaskEdit[] = [];
  private undone: MaskEdit[] = [];

  get edits(): readonly MaskEdit[] {
    return this.done;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  push(edit: MaskEdit): void {
    this.done.push(edit);
    this.undone = [];
  }

  undo(): boolean {
    const edit = this.done.pop();
    if (edit) this.undone.push(edit);
    return edit !== undefined;
  }

  /** The edit redone, to paint on top (no replay needed). */
  redo(): MaskEdit | undefined {
    const edit = this.undone.pop();
    if (edit) this.done.push(edit);
    return edit;
  }

  reset(): void {
    this.done = [];
    this.undone = [];
  }
}

/** One round dab of `stroke` at (x, y): solid to `1 - feather` of the radius, fading to nothing at the edge. */
function paintDab(ctx: CanvasRenderingContext2D, x: number, y: number, stroke: MaskStroke, color: string): void {
  const radius = Math.max(0.5, stroke.size / 2);
  ctx.globalCompositeOperation = stroke.tool === "eraser" ? "destination-out" : "source-over";
  if (stroke.feather <= 0) {
    ctx.fillStyle = `rgba(${color}, 1)`;
  } else {
    const inner = radius * (1 - Math.min(100, stroke.feather) / 100);
    const gradient = ctx.createRadialGradient(x, y, inner, x, y, radius);
    gradient.addColorStop(0, `rgba(${color}, 1)`);
    gradient.addColorStop(1, `rgba(${color}, 0)`);
    ctx.fillStyle = gradient;
  }
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, Math.PI * 2);
  ctx.fill();
}

/** Dabs from `from` to `to`, a quarter radius apart so the line has no gaps (`from` itself is already painted). */
export function paintSegment(
  ctx: CanvasRenderingContext2D,
  from: [number, number],
  to: [number, number],
  stroke: MaskStroke,
  color: string,
): void {
  const spacing = Math.max(1, stroke.size / 8);
  const distance = Math.hypot(to[0] - from[0], to[1] - from[1]);
  const steps = Math.max(1, Math.ceil(distance / spacing));
  for (let step = 1; step <= steps; step++) {
    const t = step / steps;
    paintDab(ctx, from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, stroke, color);
  }
}

/** The first dab of a stroke (a click or a tap paints a single dot). */
export function paintStart(ctx: CanvasRenderingContext2D, stroke: MaskStroke, color: string): void {
  const [first] = stroke.points;
  if (first) paintDab(ctx, first[0], first[1], stroke, color);
}

function paintEdit(ctx: CanvasRenderingContext2D, edit: MaskEdit, color: string): void {
  if (edit.tool === "clear") {
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    return;
  }
  paintStart(ctx, edit, color);
  for (let i = 1; i < edit.points.length; i++) paintSegment(ctx, edit.points[i - 1]!, edit.points[i]!, edit, color);
}

/** Repaints the canvas from nothing with `edits` (after an undo, or when the colour changes). */
export function replay(ctx: CanvasRenderingContext2D, edits: readonly MaskEdit[], color: string): void {
  ctx.save();
  ctx.globalCompositeOperation = "source-over";
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  for (const edit of edits) paintEdit(ctx, edit, color);
  ctx.restore();
}

/** Paints one edit on top of what is there (a redo). */
export function paintOnTop(ctx: CanvasRenderingContext2D, edit: MaskEdit, color: string): void {
  ctx.save();
  paintEdit(ctx, edit, color);
  ctx.restore();
}

/** Whether any pixel of the mask is painted (an all-erased mask repaints nothing). */
export function hasPaint(canvas: HTMLCanvasElement): boolean {
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx || canvas.width === 0 || canvas.height === 0) return false;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
  return false;
}

/**
 * The mask as a PNG the image's size: white where it is painted (to repaint), black elsewhere, grey
 * along feathered edges — the canvas's alpha as grey levels. Browsers encode PNGs as RGBA; the edge API
 * stores masks as one-channel grayscale (`kind=mask`).
 */
export function maskToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  const white = document.createElement("canvas");
  white.width = canvas.width;
  white.height = canvas.height;
  const whiteCtx = white.getContext("2d")!;
  whiteCtx.drawImage(canvas, 0, 0);
  whiteCtx.globalCompositeOperation = "source-in";
  whiteCtx.fillStyle = "#ffffff";
  whiteCtx.fillRect(0, 0, white.width, white.height);
  const out = document.createElement("canvas");
  out.width = canvas.width;
  out.height = canvas.height;
  const outCtx = out.getContext("2d")!;
  outCtx.fillStyle = "#000000";
  outCtx.fillRect(0, 0, out.width, out.height);
  outCtx.drawImage(white, 0, 0);
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The mask could not be encoded."))), "image/png"),
  );
}
