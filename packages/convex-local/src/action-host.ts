/**
 * Connects the action worker pool to the main thread: a worker's syscalls run
 * here against the engine, storage and scheduler, as the function's own.
 */
import os from "node:os";
import type { JSONValue } from "convex/values";
import { newCtx, type ExecCtx } from "./context.js";
import { CallError, type Engine } from "./engine.js";
import { UdfError } from "./errors.js";
import type { FileStore } from "./storage.js";
import type { Syscalls } from "./syscalls.js";
import { ActionPool } from "./worker-pool.js";
import type { WorkerJob } from "./worker-protocol.js";

export type ActionPoolOptions = {
  /** Warm workers; default: the number of cores. 0 runs actions on the main thread. */
  workers?: number;
  maxWorkers?: number;
  actionTimeoutMs?: number;
  actionMemoryMb?: number;
  /** Nice value of action workers (0-19; see ACTION_NICE). */
  actionNice?: number;
};

export const ACTION_TIMEOUT_MS = 10 * 60 * 1000;
/**
 * Worker threads run below the main thread's priority (Linux renices threads one by one), so eight
 * 1024² renders on two cores leave the sync loop most of a core. Event-loop delay p99 of the main
 * thread with eight renders, measured on the shared 2-core VM: 608 ms at nice 0, 78 ms at 10, 26 ms
 * at 19. 19 starves actions whenever other processes are busy (tests timed out), so 10 by default.
 */
export const ACTION_NICE = envNice(process.env.CONVEX_LOCAL_ACTION_NICE) ?? 10;

function envNice(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 19)
    throw new Error(`CONVEX_LOCAL_ACTION_NICE must be a whole number from 0 to 19, got ${JSON.stringify(value)}`);
  return n;
}

/** What a function sees when a syscall fails: the message without the request prefix, and ConvexError data. */
export function syscallError(e: unknown): { message: string; data?: JSONValue } {
  if (e instanceof CallError) {
    const message = e.client.message.replace(/^\[Request ID: [^\]]+\] Server Error\n/, "");
    return e.client.data !== undefined ? { message, data: e.client.data } : { message };
  }
  if (e instanceof UdfError)
    return e.data !== undefined ? { message: e.message, data: e.data } : { message: e.message };
  return { message: e instanceof Error ? e.message : String(e) };
}

export function createActionPool(
  engine: Engine,
  files: FileStore,
  syscalls: Syscalls,
  opts: ActionPoolOptions,
): ActionPool {
  const contexts = new WeakMap<WorkerJob, ExecCtx>();
  const ctxOf = (job: WorkerJob) => {
    let ctx = contexts.get(job);
    if (!ctx) {
      ctx = { ...newCtx("action", job.path, job.identity), requestId: job.requestId };
      contexts.set(job, ctx);
    }
    return ctx;
  };
  const size = opts.workers ?? Math.max(1, os.availableParallelism());
  return new ActionPool({
    size,
    maxWorkers: opts.maxWorkers ?? Math.max(4, 2 * size),
    callsPerWorker: 16,
    timeoutMs: opts.actionTimeoutMs ?? ACTION_TIMEOUT_MS,
    maxMemoryMb: opts.actionMemoryMb ?? 512,
    log: (line) => engine.log(line),
    syscallError,
    async onSyscall(job, op, args) {
      switch (op) {
        case "storage/store":
          return files.store(args.bytes as Uint8Array, (args.contentType as string | null) ?? null);
        case "storage/get": {
          const file = files.read(String(args.storageId));
          return file ? { bytes: new Uint8Array(file.bytes), contentType: file.meta.contentType } : null;
        }
        default:
          return syscalls.handleAsync(ctxOf(job), op, args);
      }
    },
  });
}
