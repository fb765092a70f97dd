/**
 * Moving one image within a collection's order. The backend keeps the order with fractional
 * keys, so a move is one call naming the image it now stands before (null: the end).
 */
export interface Reordered {
  order: string[];
  imageId: string;
  beforeImageId: string | null;
}

/** `order` with the image at `from` moved to `to` (both clamped), or null when nothing moves. */
export function reorder(order: readonly string[], from: number, to: number): Reordered | null {
  const target = Math.max(0, Math.min(order.length - 1, to));
  if (from < 0 || from >= order.length || from === target) return null;
  const next = [...order];
  const [imageId] = next.splice(from, 1);
  next.splice(target, 0, imageId!);
  return { order: next, imageId: imageId!, beforeImageId: next[target + 1] ?? null };
}
