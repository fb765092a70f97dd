/**
 * Where gallery tiles go: the virtualizer's layout (a grid of squares, or masonry in each
 * image's proportions), how many tiles a row holds, and bringing a tile that was virtualized
 * away back into view to focus it.
 */
import { grid } from "@lit-labs/virtualizer/layouts/grid.js";
import { masonry } from "@lit-labs/virtualizer/layouts/masonry.js";
import {
  virtualizerRef,
  type VirtualizeDirectiveConfig,
  type VirtualizerHostElement,
} from "@lit-labs/virtualizer/virtualize.js";
import type { ImageDoc } from "../client/api.js";

export type GalleryLayout = "grid" | "masonry";

const GAP = "8px";

export function virtualLayout(layout: GalleryLayout, tileSize: number): VirtualizeDirectiveConfig<ImageDoc>["layout"] {
  const size = `${tileSize}px` as const;
  return layout === "masonry"
    ? masonry({
        itemSize: size,
        gap: GAP,
        flex: true,
        getAspectRatio: (item) => (item as ImageDoc).width / (item as ImageDoc).height,
      })
    : grid({ itemSize: size, gap: GAP, flex: { preserve: "aspect-ratio" }, justify: "start" });
}

const TILE = '[part="tile"]';

/** Tiles per row, from where the rendered tiles sit. */
export function columnsIn(root: ParentNode): number {
  const tiles = [...root.querySelectorAll<HTMLElement>(TILE)].sort(
    (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
  );
  const top = tiles[0]?.getBoundingClientRect().top;
  return Math.max(1, tiles.filter((tile) => tile.getBoundingClientRect().top === top).length);
}

/** Focuses the tile at `index`, scrolling it in first when the virtualizer has not rendered it. */
export async function focusTile(
  root: ParentNode,
  grid: (HTMLElement & VirtualizerHostElement) | null | undefined,
  index: number,
): Promise<void> {
  const find = () => root.querySelector<HTMLElement>(`${TILE}[data-index="${index}"]`);
  if (!find()) {
    grid?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: "nearest" });
    // The virtualizer renders on its next frames.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
  find()?.focus();
  find()?.scrollIntoView({ block: "nearest" });
}
