/**
 * Actions and HTTP actions run in `worker_threads`, so a CPU-heavy action
 * cannot freeze the sync loop, and a function's uncaught exception, endless
 * loop or runaway memory cannot take the server down. `size` workers are kept
 * warm with the current build. A call goes to the least busy worker at once
 * (an idle one if there is one): starting a worker takes a second or two, so a
 * call never waits for one; instead, when every worker is busy, one more is
 * started in the background, up to `maxWorkers`, and extra ones retire when
 * idle. A stray exception fails its own call (worker-main.ts) and the worker
 * takes no new calls; a time limit or memory limit stops the worker's thread,
 * which fails the calls it held. Queries and mutations stay on the main thread.
 */
import { SHARE_ENV, Worker } from "node:worker_threads";
import type { JSONValue } from "convex/values";
import type { Logger } from "./engine.js";
import { toClientError, UdfError } from "./errors.js";
import type { FromWorker, ToWorker, WorkerData, WorkerJob, WorkerOutcome } from "./worker-protocol.js";

export type PoolOptions = {
  /** Workers kept loaded and ready. */
  size: number;
  /** Most workers at once. */
  maxWorkers: number;
  /** Most calls sharing one worker; beyond that (every worker full) calls wait in a queue. */
  callsPerWorker: number;
  /** Convex's action limit is 10 minutes. */
  timeoutMs: number;
  /** Heap limit of one worker (Convex's Node runtime: 512 MB). */
  maxMemoryMb: number;
  log: Logger;
  /** Carries out a worker's syscall on the main thread. */
  onSyscall: (job: WorkerJob, op: string, args: Record<string, unknown>) => Promise<unknown>;
  /** Turns an error thrown by onSyscall into what the function sees. */
  syscallError: (e: unknown) => { message: string; data?: JSONValue };
};

type Waiting = { job: WorkerJob; resolve: (o: WorkerOutcome) => void };
type Running = Waiting & { timer: NodeJS.Timeout };
type Slot = {
  worker: Worker;
  gen: number;
  state: "loading" | "ready" | "dead";
  calls: Map<number, Running>;
  /** A stray exception happened here: no new calls, retire when empty. */
  tainted: boolean;
  idleTimer: NodeJS.Timeout | null;
};

const IDLE_RETIRE_MS = 10_000;

export class ActionPool {
  private slots = new Set<Slot>();
  private queue: Waiting[] = [];
  private gen = 0;
  private nextCallId = 1;
  private build: { entry: string; data: WorkerData } | null = null;
  private loadError: string | null = null;
  private closed = false;

  constructor(private opts: PoolOptions) {}

  /** Uses a new build from now on: idle workers of older builds go, busy ones finish first. */
  setBuild(entry: string, data: WorkerData) {
    this.gen++;
    this.build = { entry, data };
    this.loadError = null;
    for (const slot of this.slots) if (slot.calls.size === 0) void this.kill(slot);
    this.warm();
  }

  run(job: WorkerJob): Promise<WorkerOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  async close() {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.resolve(this.failure(w.job, "convex-local is shutting down"));
    const slots = [...this.slots];
    for (const slot of slots) this.failAll(slot, "convex-local is shutting down");
    await Promise.all(slots.map((slot) => this.kill(slot)));
  }

  private live() {
    return [...this.slots].filter((s) => s.gen === this.gen && s.state !== "dead" && !s.tainted);
  }

  private warm() {
    if (this.closed || !this.build) return;
    for (let n = this.live().length; n < this.opts.size; n++) this.spawn();
  }

  private spawn(): Slot {
    const { entry, data } = this.build!;
    // SHARE_ENV: the deployment's environment is one, as on Convex; a change (an env file, a test
    // pointing S3 elsewhere) reaches running workers too.
    const worker = new Worker(entry, {
      workerData: data,
      env: SHARE_ENV,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxMemoryMb },
    });
    // A forgotten close() must not keep the process alive.
    worker.unref();
    const slot: Slot = { worker, gen: this.gen, state: "loading", calls: new Map(), tainted: false, idleTimer: null };
    this.slots.add(slot);
    worker.on("message", (msg: FromWorker) => this.onMessage(slot, msg));
    worker.on("error", (e) => this.onExit(slot, e));
    worker.on("exit", () => this.onExit(slot, null));
    return slot;
  }

  private failure(job: WorkerJob, text: string, logLines: string[] = []): WorkerOutcome {
    return { ok: false, error: toClientError(new UdfError(text), job.requestId, ""), logLines };
  }

  private dispatch() {
    while (this.queue.length && !this.closed) {
      if (this.loadError) {
        const w = this.queue.shift()!;
        w.resolve(this.failure(w.job, "Could not load the app in an action worker (the server log says why)"));
        continue;
      }
      const ready = this.live().filter((s) => s.state === "ready" && s.calls.size < this.opts.callsPerWorker);
      const all = [...this.slots].filter((s) => s.state !== "dead");
      const loading = this.live().some((s) => s.state === "loading");
      // Every worker busy: start one more for the calls to come (a call never waits for it).
      if (!ready.some((s) => s.calls.size === 0) && !loading && all.length < this.opts.maxWorkers) this.spawn();
      if (ready.length === 0) return;
      const slot = ready.reduce((a, b) => (b.calls.size < a.calls.size ? b : a));
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, w: Waiting) {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    const callId = this.nextCallId++;
    const seconds = Math.round(this.opts.timeoutMs / 1000);
    const timer = setTimeout(() => {
      // Ends an endless loop too: the worker's thread is stopped, not asked.
      this.settle(slot, callId, this.failure(w.job, `Function execution timed out (maximum duration: ${seconds}s)`));
      this.failAll(slot, "The action's worker was stopped: another function running in it reached its time limit");
      void this.kill(slot);
      this.warm();
      this.dispatch();
    }, this.opts.timeoutMs);
    slot.calls.set(callId, { ...w, timer });
    const msg: ToWorker = { type: "run", callId, job: w.job };
    slot.worker.postMessage(msg);
  }

  private settle(slot: Slot, callId: number, outcome: WorkerOutcome) {
    const call = slot.calls.get(callId);
    if (!call) return;
    clearTimeout(call.timer);
    slot.calls.delete(callId);
    call.resolve(outcome);
  }

  private failAll(slot: Slot, text: string) {
    for (const [callId, call] of [...slot.calls]) this.settle(slot, callId, this.failure(call.job, text));
  }

  private onMessage(slot: Slot, msg: FromWorker) {
    switch (msg.type) {
      case "ready":
        if (slot.state !== "loading") return;
        slot.state = "ready";
        if (slot.gen !== this.gen) void this.kill(slot);
        this.afterCall(slot);
        return;
      case "loadError":
        this.opts.log(`convex-local: an action worker could not load the app:\n${msg.message}`);
        if (slot.gen === this.gen) this.loadError = msg.message;
        void this.kill(slot);
        this.dispatch();
        return;
      case "log":
        this.opts.log(`  ${msg.path} ${msg.line}`);
        return;
      case "stray":
        this.opts.log(
          `convex-local: uncaught exception in ${msg.path ?? "an action worker"} (that call fails, the worker is replaced):\n${msg.text}`,
        );
        slot.tainted = true;
        this.afterCall(slot);
        this.warm();
        return;
      case "syscall": {
        const job = slot.calls.get(msg.callId)?.job;
        const reply = (m: ToWorker, transfer: ArrayBuffer[] = []) => {
          if (slot.state !== "dead") slot.worker.postMessage(m, transfer);
        };
        if (!job)
          return reply({ type: "syscallResult", id: msg.id, ok: false, message: "The function has already returned" });
        this.opts.onSyscall(job, msg.op, msg.args).then(
          (value) => reply({ type: "syscallResult", id: msg.id, ok: true, value }, transferables(value)),
          (e) => reply({ type: "syscallResult", id: msg.id, ok: false, ...this.opts.syscallError(e) }),
        );
        return;
      }
      case "done":
        this.settle(slot, msg.callId, msg.outcome);
        this.afterCall(slot);
        return;
    }
  }

  /** A worker freed a place: retire it if it is stale or spare, then hand out waiting calls. */
  private afterCall(slot: Slot) {
    if (slot.calls.size === 0 && (slot.tainted || slot.gen !== this.gen)) {
      void this.kill(slot);
      this.warm();
    } else if (
      slot.calls.size === 0 &&
      slot.state === "ready" &&
      this.live().length > this.opts.size &&
      !slot.idleTimer
    ) {
      slot.idleTimer = setTimeout(() => {
        slot.idleTimer = null;
        if (slot.calls.size === 0 && this.live().length > this.opts.size) void this.kill(slot);
      }, IDLE_RETIRE_MS);
      slot.idleTimer.unref();
    }
    this.dispatch();
  }

  private onExit(slot: Slot, error: Error | null) {
    if (slot.state === "dead") return;
    slot.state = "dead";
    this.slots.delete(slot);
    const code = (error as { code?: string } | null)?.code;
    this.failAll(
      slot,
      code === "ERR_WORKER_OUT_OF_MEMORY"
        ? `JavaScript execution ran out of memory (maximum memory usage: ${this.opts.maxMemoryMb} MB)`
        : "The action's worker stopped before the function returned (process.exit() or a fatal error)",
    );
    this.warm();
    this.dispatch();
  }

  private async kill(slot: Slot) {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.state === "dead") return;
    slot.state = "dead";
    this.slots.delete(slot);
    await slot.worker.terminate();
  }
}

/** File bytes go to the worker without a copy. */
function transferables(value: unknown): ArrayBuffer[] {
  const bytes = (value as { bytes?: unknown } | null)?.bytes;
  return bytes instanceof Uint8Array && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer as ArrayBuffer]
    : [];
}
