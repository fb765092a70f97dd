/**
 * How many transforms run at once on this instance, how many may wait, and for how long.
 *
 * sharp runs each transform on one of libuv's pool threads for its whole duration, and that pool
 * (4 threads unless UV_THREADPOOL_SIZE says otherwise) is also where WebCrypto verifies tokens
 * and signs URLs: four slow transforms once held every thread and made a token check wait for
 * minutes. With at most `maxActive` transforms (the Node entry takes the pool size minus 2), pool
 * threads are always left for crypto and file reads; requests past the queue, or waiting longer
 * than `maxWaitMs`, get 503 with `Retry-After` instead of piling up.
 */
export interface TransformSlotsOptions {
  maxActive: number;
  maxQueued: number;
  /** Longest wait for a slot, and longest a caller waits for the transform itself. */
  maxWaitMs: number;
}

export const DEFAULT_TRANSFORM_SLOTS: TransformSlotsOptions = { maxActive: 2, maxQueued: 16, maxWaitMs: 10_000 };
/** What a 503 tells the client: about one queue's worth of small transforms. */
export const TRANSFORM_RETRY_AFTER_SECONDS = 5;

export class TransformBusyError extends Error {
  constructor(readonly reason: "queue-full" | "timed-out") {
    super(
      reason === "queue-full"
        ? "Too many image transforms are waiting on this server."
        : "This image transform took too long on this server.",
    );
    this.name = "TransformBusyError";
  }
}

interface Waiter {
  start: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export class TransformSlots {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly options: TransformSlotsOptions = DEFAULT_TRANSFORM_SLOTS) {}

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `work` in a slot. The caller gets `TransformBusyError` when the queue is full, when no
   * slot frees within `maxWaitMs`, or when `work` runs past `maxWaitMs`; in the last case the
   * slot stays taken until the work really ends, so the thread budget holds.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    const running = work().finally(() => this.release());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TransformBusyError("timed-out")), this.options.maxWaitMs);
    });
    running.catch(() => {}); // an abandoned result's failure is not unhandled
    try {
      return await Promise.race([running, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.maxActive) {
      this.active++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.options.maxQueued) return Promise.reject(new TransformBusyError("queue-full"));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(new TransformBusyError("timed-out"));
        }, this.options.maxWaitMs),
      };
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    // The slot passes straight to the next waiter (`active` unchanged), so nobody can jump the queue.
    if (next) next.start();
    else this.active--;
  }
}
