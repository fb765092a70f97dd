/** A FIFO async lock: transactions run one at a time, which makes them serializable. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  get queued(): number {
    return this.waiting;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(() => {
      this.waiting--;
      return fn();
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
