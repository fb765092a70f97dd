/**
 * Delete with an undo window: the images leave the gallery at once, and the delete is sent
 * only when the window closes (or the gallery goes away), so "Undo" needs no way back from
 * the backend. One delete is pending at a time; a second one sends the first.
 */
export class UndoableDelete {
  /** The ids hidden and waiting to be deleted. */
  pending: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (ids: string[]) => Promise<void>,
    private readonly changed: () => void,
  ) {}

  /** Hides `ids` now and deletes them after `windowMs` unless `undo()` comes first. */
  start(ids: string[], windowMs: number): void {
    void this.flush();
    this.pending = ids;
    this.timer = setTimeout(() => void this.flush(), windowMs);
    this.changed();
  }

  /** Brings the pending images back; nothing is deleted. */
  undo(): void {
    clearTimeout(this.timer);
    this.pending = [];
    this.changed();
  }

  /** Deletes the pending images now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const ids = this.pending;
    if (ids.length === 0) return;
    this.pending = [];
    this.changed();
    await this.send(ids);
  }
}
