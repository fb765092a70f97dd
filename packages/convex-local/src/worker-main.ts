/**
 * The inside of an action worker thread (see worker-pool.ts). It imports the
 * app's built modules once, then runs actions and HTTP actions. The
 * database, the scheduler and storage live on the main thread: every syscall
 * becomes a message. Several calls may share a worker (they are mostly waiting
 * on I/O). A function's uncaught exception or unhandled rejection is attributed
 * to its call through AsyncLocalStorage and fails that call only; the pool then
 * retires this worker once its other calls end, since the function may have
 * left timers or sockets behind.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import { parentPort, workerData } from "node:worker_threads";
import { toClientError, type ClientError } from "./errors.js";
import { installFunctionTimers } from "./timers.js";
import type {
  WorkerData,
  WorkerJob,
  WorkerOutcome,
  SerializedResponse,
  FromWorker,
  ToWorker,
} from "./worker-protocol.js";

type Call = { id: number; job: WorkerJob; logLines: string[]; done: boolean };

const data = workerData as WorkerData;
const port = parentPort!;
const calls = new AsyncLocalStorage<Call>();
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextSyscallId = 1;
let modules = new Map<string, Record<string, unknown>>();

const post = (msg: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

// Below the main thread's priority: a CPU-heavy action yields the core to the sync loop.
if (data.nice) {
  try {
    os.setPriority(data.nice); // on Linux this renices the calling thread only
  } catch {
    // not permitted on this system: run at normal priority
  }
}
process.setSourceMapsEnabled(true);

function syscall(op: string, args: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<unknown> {
  const call = calls.getStore();
  if (!call || call.done) return Promise.reject(new Error("Convex syscall outside of a function execution"));
  const id = nextSyscallId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post({ type: "syscall", callId: call.id, id, op, args }, transfer);
  });
}

(globalThis as any).Convex = {
  syscall: (op: string) => {
    throw new Error(`${op} is not available in actions: use ctx.runQuery or ctx.runMutation`);
  },
  asyncSyscall: async (op: string, json: string) => {
    const call = calls.getStore();
    if (!call) throw new Error("Convex syscall outside of a function execution");
    if (op === "1.0/getUserIdentity") return JSON.stringify(call.job.identity ?? null);
    return JSON.stringify((await syscall(op, JSON.parse(json))) ?? null);
  },
  jsSyscall: (op: string, args: Record<string, any>) => {
    switch (op) {
      case "storage/storeBlob":
        return (async () => {
          const blob = args.blob as Blob;
          const bytes = new Uint8Array(await blob.arrayBuffer());
          return syscall("storage/store", { bytes, contentType: blob.type || null }, [bytes.buffer as ArrayBuffer]);
        })();
      case "storage/getBlob":
        return (async () => {
          const file = (await syscall("storage/get", { storageId: args.storageId })) as {
            bytes: Uint8Array;
            contentType: string | null;
          } | null;
          return file ? new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.contentType ?? "" }) : null;
        })();
      default:
        throw new Error(`convex-local does not support the JS syscall ${op} yet`);
    }
  },
};

// console.* inside a call: into its log lines and, through the main thread, the server log.
for (const level of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const call = calls.getStore();
    if (!call) return original(...args);
    const line = `[${level.toUpperCase()}] ${format(...args)}`;
    if (!call.done) call.logLines.push(line);
    post({ type: "log", path: call.job.path, line });
  };
}

installFunctionTimers(
  () => calls.getStore(),
  (line) => {
    const call = calls.getStore()!;
    if (!call.done) call.logLines.push(line);
    post({ type: "log", path: call.job.path, line });
  },
);

function finish(call: Call, outcome: WorkerOutcome, transfer: ArrayBuffer[] = []) {
  if (call.done) return;
  call.done = true;
  post({ type: "done", callId: call.id, outcome }, transfer);
}

function failCall(call: Call, error: ClientError) {
  finish(call, { ok: false, error, logLines: call.logLines });
}

/** A function's stray exception: fail its call (if still running) and ask to be replaced. */
function onStray(thrown: unknown) {
  const call = calls.getStore();
  const e = thrown as { stack?: string; message?: string };
  // "stray" first, so the pool retires this worker instead of handing it the next call.
  post({ type: "stray", path: call?.job.path ?? null, text: e?.stack ?? e?.message ?? String(thrown) });
  if (call && !call.done) failCall(call, toClientError(thrown, call.job.requestId, data.appDir));
}
process.on("uncaughtException", onStray);
process.on("unhandledRejection", onStray);

async function runAction(call: Call) {
  const job = call.job as Extract<WorkerJob, { kind: "action" }>;
  const [modulePath, exportName] = job.path.split(":");
  const fn = modules.get(modulePath)?.[exportName] as
    { invokeAction?: (id: string, args: string) => Promise<string> } | undefined;
  if (!fn?.invokeAction) throw new Error(`Could not find function for '${job.path}'`);
  const result = await fn.invokeAction(job.requestId, JSON.stringify([job.args]));
  finish(call, { ok: true, value: JSON.parse(result), logLines: call.logLines });
}

type Router = {
  isRouter?: boolean;
  lookup: (
    path: string,
    method: string,
  ) => [{ invokeHttpAction: (r: Request) => Promise<Response> }, string, string] | null;
};

async function runHttp(call: Call) {
  const job = call.job as Extract<WorkerJob, { kind: "http" }>;
  const router = modules.get("http")?.default as Router | undefined;
  const url = new URL(job.request.url);
  const match = router?.isRouter ? router.lookup(url.pathname, job.request.method) : null;
  if (!match) throw new Error(`No HTTP action for ${job.request.method} ${url.pathname}`);
  const request = new Request(url, {
    method: job.request.method,
    headers: job.request.headers,
    body: (job.request.body as Uint8Array<ArrayBuffer> | null) ?? undefined,
  });
  const response = await match[0].invokeHttpAction(request);
  const body = new Uint8Array(await response.arrayBuffer());
  const out: SerializedResponse = { status: response.status, headers: [...response.headers], body };
  finish(call, { ok: true, value: out, logLines: call.logLines }, [body.buffer as ArrayBuffer]);
}

port.on("message", (msg: ToWorker) => {
  if (msg.type === "syscallResult") {
    const waiter = pending.get(msg.id);
    pending.delete(msg.id);
    if (!waiter) return;
    if (msg.ok) waiter.resolve(msg.value);
    else waiter.reject(Object.assign(new Error(msg.message), msg.data !== undefined ? { data: msg.data } : {}));
    return;
  }
  const call: Call = { id: msg.callId, job: msg.job, logLines: [], done: false };
  void calls.run(call, async () => {
    try {
      if (call.job.kind === "action") await runAction(call);
      else await runHttp(call);
    } catch (e) {
      failCall(call, toClientError(e, call.job.requestId, data.appDir));
    }
  });
});

async function load() {
  const loaded = new Map<string, Record<string, unknown>>();
  for (const modulePath of data.modulePaths) {
    loaded.set(
      modulePath,
      (await import(
        pathToFileURL(path.join(data.buildDir, `${modulePath}${data.moduleExt ?? ".mjs"}`)).href
      )) as Record<string, unknown>,
    );
  }
  modules = loaded;
}

load().then(
  () => post({ type: "ready" }),
  (e) => post({ type: "loadError", message: (e as Error).stack ?? String(e) }),
);
