/**
 * Group commit: mutations that queue up while one group runs are applied in
 * the next group, one SQLite transaction with a savepoint per mutation. A
 * mutation that throws rolls back to its savepoint and fails alone; the others
 * commit together and only then are answered (so an acknowledged mutation is
 * durable). One COMMIT per group instead of per mutation is where the time of
 * small mutations went (see the package README's benchmark notes).
 */
import type { Mutex } from "./mutex.js";
import type { Store } from "./store.js";

type Item = { body: () => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };

export class GroupCommitter {
  private pending: Item[] = [];
  private queued = false;

  constructor(
    private store: Store,
    private lock: Mutex,
  ) {}

  /** Runs `body` in the next group's transaction; settles once the group has committed. */
  submit<T>(body: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ body, resolve: resolve as (v: unknown) => void, reject });
      if (this.queued) return;
      this.queued = true;
      void this.lock.run(() => this.runGroup());
    });
  }

  private async runGroup() {
    this.queued = false;
    // The group takes what is queued now; what arrives meanwhile forms the next one.
    const batch = this.pending.splice(0);
    const done: [Item, unknown][] = [];
    let settled = 0;
    try {
      this.store.begin();
      for (const item of batch) {
        // One name for all: each is released or rolled back before the next starts (and its statements
        // stay prepared in the store).
        const savepoint = "g";
        this.store.savepoint(savepoint);
        try {
          const value = await item.body();
          this.store.release(savepoint);
          done.push([item, value]);
        } catch (e) {
          this.store.rollbackTo(savepoint);
          item.reject(e);
        }
        settled++;
      }
      this.store.commit();
    } catch (e) {
      // The store itself failed (not a mutation): nothing of this group is kept, every caller hears of it.
      this.store.rollback();
      for (const [item] of done) item.reject(e);
      for (const item of batch.slice(settled)) item.reject(e);
      return;
    }
    for (const [item, value] of done) item.resolve(value);
  }
}
