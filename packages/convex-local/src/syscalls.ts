/**
 * The runtime side of `convex/server`: the `Convex.syscall`, `asyncSyscall`
 * and `jsSyscall` entry points that the `convex` package calls from inside
 * functions (see node_modules/convex/src/server/impl/). Each call finds its
 * execution through AsyncLocalStorage.
 */
import { convexToJson, type JSONValue } from "convex/values";
import { currentCtx, type ExecCtx } from "./context.js";
import { DocumentWriter, checkTableName } from "./documents.js";
import { CallError, type Engine } from "./engine.js";
import { UdfError } from "./errors.js";
import { tableNumberOf } from "./ids.js";
import { execute, queryPage, THROUGH_END, type QueryEnv, type Row, type SerializedQuery } from "./query.js";
import type { Scheduler } from "./scheduler.js";
import type { FileStore } from "./storage.js";
import { checkBudget, outsideBudget } from "./time-limit.js";
import { VectorSearchError, type VectorQuery } from "./vector-index.js";

type Args = Record<string, any>;

/** Errors cross the syscall boundary as `{ message, data }`, as the `convex` package expects. */
function rethrow(e: unknown): never {
  if (e instanceof CallError) {
    const err = new Error(e.client.message.replace(/^\[Request ID: [^\]]+\] Server Error\n/, ""));
    if (e.client.data !== undefined) Object.assign(err, { data: e.client.data });
    throw err;
  }
  throw e;
}

export class Syscalls {
  private docs: DocumentWriter;
  private nextQueryId = 1;

  constructor(
    private engine: Engine,
    private files: FileStore,
    private scheduler: Scheduler,
  ) {
    this.docs = new DocumentWriter(engine);
  }

  install() {
    // Every syscall first checks the query's or mutation's 1-second budget (time-limit.ts).
    const ctxInBudget = () => {
      const ctx = currentCtx();
      checkBudget(ctx.budget);
      return ctx;
    };
    // The database work of a syscall is not the function's execution (the synchronous part of an async
    // syscall is all of it but for nested functions, whose own code counts).
    (globalThis as any).Convex = {
      syscall: (op: string, json: string) => {
        const ctx = ctxInBudget();
        return outsideBudget(ctx.budget, () => JSON.stringify(this.sync(ctx, op, JSON.parse(json)) ?? null));
      },
      asyncSyscall: async (op: string, json: string) => {
        const ctx = ctxInBudget();
        const pending =
          op === "1.0/runUdf"
            ? this.async(ctx, op, JSON.parse(json))
            : outsideBudget(ctx.budget, () => this.async(ctx, op, JSON.parse(json)));
        return JSON.stringify((await pending) ?? null);
      },
      jsSyscall: (op: string, args: Args) => {
        const ctx = ctxInBudget();
        return outsideBudget(ctx.budget, () => this.js(ctx, op, args));
      },
    };
  }

  private env(ctx: ExecCtx): QueryEnv {
    return {
      store: this.engine.store,
      searchIndex: (name) => this.engine.schema.searchIndexes.get(name),
      onRead: (table) => ctx.reads.add(table),
      checkTable: (table) => void checkTableName(table.replace(/^_/, "")),
      snapshot: ctx.snapshot,
      isStaged: (name) => this.engine.schema.stagedIndexes.has(name),
    };
  }

  private requireDb(ctx: ExecCtx, op: string) {
    if (ctx.kind === "action")
      throw new UdfError(`${op} is not available in actions: use ctx.runQuery or ctx.runMutation`);
  }

  private sync(ctx: ExecCtx, op: string, args: Args): unknown {
    switch (op) {
      case "1.0/db/normalizeId": {
        const n = tableNumberOf(args.idString);
        const ok = n !== null && this.engine.store.tableName(n) === args.table;
        return { id: ok ? args.idString : null };
      }
      case "1.0/queryStream": {
        this.requireDb(ctx, "ctx.db");
        const id = this.nextQueryId++;
        ctx.streams.set(id, execute(this.env(ctx), args.query as SerializedQuery));
        return { queryId: id };
      }
      case "1.0/queryCleanup": {
        ctx.streams.get(args.queryId)?.return?.(undefined as unknown as Row);
        ctx.streams.delete(args.queryId);
        return true;
      }
      case "1.0/getSnapshotTs":
        return convexToJson(ctx.snapshot?.ts ?? this.engine.store.currentTs());
      default:
        throw new UdfError(`convex-local does not support the syscall ${op} yet`);
    }
  }

  /** An async syscall on behalf of a function running elsewhere (an action worker). */
  handleAsync(ctx: ExecCtx, op: string, args: Args): Promise<unknown> {
    return this.async(ctx, op, args);
  }

  private async async(ctx: ExecCtx, op: string, args: Args): Promise<unknown> {
    switch (op) {
      case "1.0/get": {
        this.requireDb(ctx, "ctx.db.get");
        const table = this.docs.tableOf(args.id, args.table);
        if (table.startsWith("_") !== Boolean(args.isSystem)) {
          throw new UdfError(
            table.startsWith("_")
              ? `System tables can only be read with ctx.db.system.get`
              : `ctx.db.system.get cannot read user table "${table}"`,
          );
        }
        ctx.reads.add(table);
        const found = ctx.snapshot ? ctx.snapshot.get(args.id) : this.engine.store.get(args.id);
        return found ? convexToJson(found.doc) : null;
      }
      case "1.0/insert":
        return { _id: this.docs.insert(ctx, args.table, args.value) };
      case "1.0/shallowMerge":
        return this.docs.patch(ctx, args.id, args.table, args.value);
      case "1.0/replace":
        return this.docs.replace(ctx, args.id, args.table, args.value);
      case "1.0/remove":
        return this.docs.remove(ctx, args.id, args.table);
      case "1.0/queryStreamNext": {
        const stream = ctx.streams.get(args.queryId);
        if (!stream) throw new UdfError("Query stream was already closed");
        const next = stream.next();
        return next.done ? { value: null, done: true } : { value: convexToJson(next.value.doc), done: false };
      }
      case "1.0/queryPage":
        return this.page(ctx, args);
      case "1.0/count": {
        this.requireDb(ctx, "ctx.db");
        ctx.reads.add(checkTableName(args.table));
        return ctx.snapshot ? ctx.snapshot.count(args.table) : this.engine.store.count(args.table);
      }
      case "1.0/actions/vectorSearch":
        return { results: this.vectorSearch(ctx, args.query as VectorQuery) };
      case "1.0/getUserIdentity":
        return ctx.identity;
      case "1.0/runUdf":
        return this.runNested(ctx, args);
      case "1.0/actions/query":
        return this.fromAction(() =>
          this.engine.runQuery(this.udfName(args), args.args, ctx.identity, { publicOnly: false }),
        );
      case "1.0/actions/mutation":
        return this.fromAction(() =>
          this.engine.runMutation(this.udfName(args), args.args, ctx.identity, { publicOnly: false }),
        );
      case "1.0/actions/action":
        return this.fromAction(() =>
          this.engine.runAction(this.udfName(args), args.args, ctx.identity, { publicOnly: false }),
        );
      case "1.0/schedule":
        if (ctx.kind !== "mutation") throw new UdfError("ctx.scheduler is only available in mutations and actions");
        return this.scheduler.scheduleInTransaction(ctx, this.udfName(args), args.args, args.ts * 1000);
      case "1.0/actions/schedule":
        return this.scheduler.scheduleFromAction(this.udfName(args), args.args, args.ts * 1000);
      case "1.0/cancel_job":
        if (ctx.kind !== "mutation") throw new UdfError("ctx.scheduler is only available in mutations and actions");
        return this.scheduler.cancelInTransaction(ctx, args.id);
      case "1.0/actions/cancel_job":
        return this.scheduler.cancelFromAction(args.id);
      case "1.0/storageGenerateUploadUrl":
        return this.files.uploadUrl();
      case "1.0/storageGetUrl":
        ctx.reads.add("_storage");
        return this.files.url(args.storageId);
      case "1.0/storageGetMetadata": {
        ctx.reads.add("_storage");
        // As on Convex: a malformed id throws (an unknown one is null), and the digest is hex.
        if (!this.engine.isIdOf(args.storageId, "_storage"))
          throw new UdfError(`Invalid storage ID: ${JSON.stringify(args.storageId)}`);
        const meta = this.files.metadata(args.storageId);
        return meta && { ...meta, sha256: Buffer.from(meta.sha256, "base64").toString("hex") };
      }
      case "1.0/storageDelete":
        return this.deleteFile(ctx, args.storageId);
      case "1.0/storageStore": {
        if (ctx.kind !== "action") throw new UdfError("ctx.storage.store is only available in actions");
        return this.files.store(Buffer.from(args.blob, "base64"), args.contentType || null);
      }
      case "1.0/storageGet": {
        const file = this.files.read(args.storageId);
        return file ? { blob: file.bytes.toString("base64"), contentType: file.meta.contentType } : null;
      }
      default:
        throw new UdfError(`convex-local does not support the syscall ${op} yet`);
    }
  }

  private js(ctx: ExecCtx, op: string, args: Args): unknown {
    switch (op) {
      case "storage/storeBlob":
        return (async () => {
          if (ctx.kind !== "action") throw new Error("ctx.storage.store is only available in actions");
          const blob = args.blob as Blob;
          return this.files.store(new Uint8Array(await blob.arrayBuffer()), blob.type || null);
        })();
      case "storage/getBlob":
        return (async () => {
          const file = this.files.read(args.storageId);
          return file ? new Blob([new Uint8Array(file.bytes)], { type: file.meta.contentType ?? "" }) : null;
        })();
      default:
        throw new Error(`convex-local does not support the JS syscall ${op} yet`);
    }
  }

  /** `ctx.vectorSearch` (actions only, as on Convex): committed data, best first (vector-index.ts). */
  private vectorSearch(ctx: ExecCtx, query: VectorQuery) {
    if (ctx.kind !== "action") throw new UdfError("ctx.vectorSearch is only available in actions");
    const name = typeof query?.indexName === "string" ? query.indexName : "";
    const { schema, store } = this.engine;
    const def = schema.vectorIndexes.get(name);
    if (!def) {
      if (schema.stagedIndexes.has(name))
        throw new UdfError(`Index ${name} is currently staged and not available to query until it is enabled.`);
      if (store.index(name) || schema.searchIndexes.has(name))
        throw new UdfError(`Index ${name} is not a vector index`);
      throw new UdfError(`Index ${name} not found.`);
    }
    try {
      return store.vectors.search(def, query);
    } catch (e) {
      if (e instanceof VectorSearchError) throw new UdfError(e.message);
      throw e;
    }
  }

  private udfName(args: Args): string {
    if (typeof args.name === "string") return args.name;
    if (args.functionHandle || args.reference)
      throw new UdfError("Function handles and component references are not supported by convex-local yet");
    throw new UdfError("Missing function name");
  }

  private async fromAction<T extends { value: JSONValue }>(call: () => Promise<T>): Promise<JSONValue> {
    try {
      return (await call()).value;
    } catch (e) {
      return rethrow(e);
    }
  }

  private async runNested(ctx: ExecCtx, args: Args): Promise<JSONValue> {
    const name = this.udfName(args);
    try {
      if (args.udfType === "query" || args.udfType === "snapshotQuery") {
        return (
          await this.engine.runQuery(name, args.args, ctx.identity, {
            publicOnly: false,
            parent: { ...ctx, kind: "query" },
          })
        ).value;
      }
      if (args.udfType === "mutation") {
        if (ctx.kind !== "mutation") throw new UdfError("ctx.runMutation is only available in mutations and actions");
        return (await this.engine.runMutation(name, args.args, ctx.identity, { publicOnly: false, parent: ctx })).value;
      }
    } catch (e) {
      return rethrow(e);
    }
    throw new UdfError(`Unknown function type ${args.udfType}`);
  }

  private async page(ctx: ExecCtx, args: Args) {
    this.requireDb(ctx, "ctx.db");
    // NaN or a fraction would give an empty page that never ends: refused, naming the field.
    if (typeof args.pageSize !== "number" || !Number.isInteger(args.pageSize) || args.pageSize < 0) {
      throw new UdfError(
        `Invalid paginationOpts.numItems: ${String(args.pageSize)}. It must be a whole number, 0 or more.`,
      );
    }
    if (args.maximumRowsRead != null && (!Number.isInteger(args.maximumRowsRead) || args.maximumRowsRead < 1)) {
      throw new UdfError(
        `Invalid paginationOpts.maximumRowsRead: ${String(args.maximumRowsRead)}. It must be a whole number, 1 or more.`,
      );
    }
    const { replay, recorded } = ctx.journal;
    const endCursor = args.endCursor ?? replay[recorded.length] ?? null;
    const result = queryPage(
      this.env(ctx),
      args.query,
      args.cursor ?? null,
      endCursor,
      args.pageSize,
      args.maximumRowsRead ?? null,
    );
    // A last page stays open-ended on re-runs, so documents added at the end appear in it.
    recorded.push(result.isDone && !endCursor ? THROUGH_END : (endCursor ?? result.continueCursor));
    return {
      page: result.page.map((d) => convexToJson(d)),
      isDone: result.isDone,
      continueCursor: result.continueCursor,
      splitCursor: null,
      pageStatus: null,
    };
  }

  private async deleteFile(ctx: ExecCtx, storageId: string) {
    const apply = (ts: bigint, writes: Set<string>) => {
      if (!this.files.metadata(storageId)) throw new UdfError(`Storage ID ${JSON.stringify(storageId)} not found`);
      this.engine.store.write("_storage", storageId, null, ts);
      writes.add("_storage");
    };
    if (ctx.kind === "mutation") apply(ctx.ts, ctx.writes);
    else if (ctx.kind === "action") await this.engine.systemTransaction(apply);
    else throw new UdfError("ctx.storage.delete is only available in mutations and actions");
    return null;
  }
}
