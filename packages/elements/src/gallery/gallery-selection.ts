/**
 * Which gallery images are selected, as file managers do it: a click on its own selects one
 * (or toggles, in selection mode), Ctrl/⌘ toggles one, Shift selects the range from the
 * anchor (the last image chosen without Shift). No DOM here; ids only.
 */
export interface SelectGesture {
  /** Shift: the range from the anchor. */
  range?: boolean;
  /** Ctrl/⌘ or selection mode: add or remove this one, keep the rest. */
  toggle?: boolean;
}

export class GallerySelection {
  private ids = new Set<string>();
  private anchor: string | undefined;

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The selected ids in the order of `order` (the gallery's order), ids no longer there left out. */
  inOrder(order: readonly string[]): string[] {
    return order.filter((id) => this.ids.has(id));
  }

  /** Applies a click or key press on `id`; `order` is every loaded id in the gallery's order. */
  choose(id: string, order: readonly string[], gesture: SelectGesture = {}): void {
    if (gesture.range && this.anchor !== undefined) {
      const from = order.indexOf(this.anchor);
      const to = order.indexOf(id);
      if (from >= 0 && to >= 0) {
        const [start, end] = from < to ? [from, to] : [to, from];
        if (!gesture.toggle) this.ids.clear();
        for (const each of order.slice(start, end + 1)) this.ids.add(each);
        return;
      }
    }
    if (gesture.toggle) {
      if (!this.ids.delete(id)) this.ids.add(id);
    } else {
      this.ids = new Set([id]);
    }
    this.anchor = id;
  }

  selectAll(order: readonly string[]): void {
    this.ids = new Set(order);
  }

  clear(): void {
    this.ids.clear();
    this.anchor = undefined;
  }

  /** Forgets ids that are gone (deleted, or filtered out). */
  keepOnly(order: readonly string[]): void {
    const present = new Set(order);
    for (const id of this.ids) if (!present.has(id)) this.ids.delete(id);
    if (this.anchor !== undefined && !present.has(this.anchor)) this.anchor = undefined;
  }
}
