/**
 * Runs a Convex app's functions: resolves paths, checks visibility and
 * validators, runs queries and mutations as serializable transactions (one at
 * a time, under a lock), actions freely, and reports commits to subscribers.
 */
import { jsonToConvex, type JSONValue } from "convex/values";
import type { AuthVerifier, UserIdentity } from "./auth.js";
import { executions, newCtx, type ExecCtx, type FunctionKind } from "./context.js";
import { notFound, toClientError, UdfError, type ClientError } from "./errors.js";
import { tableNumberOf } from "./ids.js";
import type { LoadedApp, RegisteredFunction } from "./modules.js";
import { canonicalPath, parseUdfPath } from "./modules.js";
import { GroupCommitter } from "./group-commit.js";
import { Mutex } from "./mutex.js";
import { HistoryError, Snapshot } from "./history.js";
import type { AppSchema } from "./schema.js";
import type { Store } from "./store.js";
import { checkBudget, startBudget, UDF_TIME_LIMIT_MS } from "./time-limit.js";
import { checkValue, type ValidatorJSON } from "./validators.js";
import type { ActionPool } from "./worker-pool.js";
import type { SerializedRequest, SerializedResponse } from "./worker-protocol.js";

export type Logger = (line: string) => void;

export type CallOptions = {
  /** Client calls may reach public functions only; server-side calls reach internal ones too. */
  publicOnly: boolean;
  /** Page ends to replay when re-running a subscribed query. */
  journal?: (string | null)[];
  /** Runs inside the mutation's transaction just before it commits. */
  beforeCommit?: (ctx: ExecCtx) => void;
  /** Set when called from inside another function (no new transaction, no lock). */
  parent?: ExecCtx;
  /** Queries: read the state at this commit timestamp (`/api/query_at_ts`, within the history window). */
  atTs?: bigint;
};

export type QueryOutcome = {
  value: JSONValue;
  logLines: string[];
  reads: Set<string>;
  journal: (string | null)[];
  ts: bigint;
};
export type MutationOutcome = { value: JSONValue; logLines: string[]; ts: bigint };
export type ActionOutcome = { value: JSONValue; logLines: string[] };
/** A finished call as the function log records it (`error`: the message the client got). */
export type FinishedCall = {
  kind: FunctionKind | "httpAction";
  path: string;
  ms: number;
  error: string | null;
  logLines: string[];
  requestId: string;
};

/** A failed call: what the client sees, plus the log lines the function printed. */
export class CallError extends Error {
  constructor(
    readonly client: ClientError,
    readonly logLines: string[],
  ) {
    super(client.message);
  }
}

const KIND_LABEL: Record<FunctionKind, string> = { query: "Query", mutation: "Mutation", action: "Action" };

function kindOf(fn: RegisteredFunction): FunctionKind | "httpAction" | null {
  if (fn.isQuery) return "query";
  if (fn.isMutation) return "mutation";
  if (fn.isAction) return "action";
  if (fn.isHttp) return "httpAction";
  return null;
}

export class Engine {
  app!: LoadedApp;
  schema!: AppSchema;
  auth!: AuthVerifier;
  /** Execution limit of queries and mutations (Convex: 1 s), see time-limit.ts. */
  udfTimeLimitMs = UDF_TIME_LIMIT_MS;
  /** The deployment's admin key (`Authorization: Convex <key>`), see admin-key.ts. */
  adminKey = "";
  /** Where actions and HTTP actions run; null runs them on this thread. */
  actions: ActionPool | null = null;
  /** `_system/...` modules (system-functions.ts: the CLI's `_system/cli/*` queries), internal: admin only. */
  systemModules = new Map<string, Record<string, unknown>>();
  /** Told of every finished call (function-logs.ts: `npx convex logs`). */
  readonly executionListeners = new Set<(e: FinishedCall) => void>();
  readonly lock = new Mutex();
  private readonly group: GroupCommitter;
  private commitListeners = new Set<(tables: Set<string>, ts: bigint) => void>();
  private lastCreationTime = 0;

  constructor(
    readonly store: Store,
    readonly appDir: string,
    readonly log: Logger,
  ) {
    this.group = new GroupCommitter(store, this.lock);
  }

  onCommit(listener: (tables: Set<string>, ts: bigint) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  notifyCommit(tables: Set<string>, ts: bigint) {
    if (tables.size === 0) return;
    for (const l of this.commitListeners) l(tables, ts);
  }

  /** A creation time in ms, unique and increasing even within one millisecond. */
  nextCreationTime(): number {
    this.lastCreationTime = Math.max(Date.now(), this.lastCreationTime + 0.001);
    this.lastCreationTime = Math.round(this.lastCreationTime * 1000) / 1000;
    return this.lastCreationTime;
  }

  isIdOf = (id: string, table: string): boolean => {
    const n = tableNumberOf(id);
    return n !== null && this.store.tableName(n) === table;
  };

  /** Finds a registered function; errors read like Convex's. */
  resolve(udfPath: string, kind: FunctionKind, publicOnly: boolean): { fn: RegisteredFunction; path: string } {
    let path: string;
    try {
      path = canonicalPath(udfPath);
    } catch (e) {
      throw new UdfError((e as Error).message);
    }
    const { modulePath, exportName } = parseUdfPath(path);
    const fn = (modulePath.startsWith("_system/") ? this.systemModules : this.app.modules).get(modulePath)?.[
      exportName
    ] as RegisteredFunction | undefined;
    const actual = fn ? kindOf(fn) : null;
    if (!fn || !actual || actual === "httpAction" || (publicOnly && !fn.isPublic)) throw notFound(path, publicOnly);
    if (actual !== kind) {
      throw new UdfError(
        `Trying to execute ${path} as ${KIND_LABEL[kind]}, but it is defined as ${KIND_LABEL[actual]}.`,
      );
    }
    return { fn, path };
  }

  private validators = new WeakMap<RegisteredFunction, { args: ValidatorJSON; returns: ValidatorJSON | null }>();

  private validatorsOf(fn: RegisteredFunction) {
    let found = this.validators.get(fn);
    if (!found) {
      found = {
        args: JSON.parse(fn.exportArgs?.() ?? '{"type":"any"}'),
        returns: JSON.parse(fn.exportReturns?.() ?? "null"),
      };
      this.validators.set(fn, found);
    }
    return found;
  }

  private checkArgs(fn: RegisteredFunction, argsJson: JSONValue) {
    if (argsJson === null || typeof argsJson !== "object" || Array.isArray(argsJson)) {
      throw new UdfError(`ArgumentValidationError: Arguments must be an object, received ${JSON.stringify(argsJson)}`);
    }
    let args;
    try {
      args = jsonToConvex(argsJson);
    } catch (e) {
      throw new UdfError(`ArgumentValidationError: ${(e as Error).message}`);
    }
    const err = checkValue(this.validatorsOf(fn).args, args, this.isIdOf);
    if (err) throw new UdfError(`ArgumentValidationError: ${err}`);
  }

  private checkReturns(fn: RegisteredFunction, result: JSONValue) {
    const validator = this.validatorsOf(fn).returns;
    if (validator === null) return;
    const err = checkValue(validator, jsonToConvex(result), this.isIdOf);
    if (err) throw new UdfError(`ReturnsValidationError: ${err}`);
  }

  private async invoke(ctx: ExecCtx, fn: RegisteredFunction, argsJson: JSONValue): Promise<JSONValue> {
    this.checkArgs(fn, argsJson);
    if (ctx.kind !== "action" && !ctx.budget) ctx.budget = startBudget(this.udfTimeLimitMs);
    // The convex package spreads the decoded array into the handler: (ctx, ...args).
    const argsStr = JSON.stringify([argsJson]);
    const resultStr = await executions.run(ctx, () =>
      ctx.kind === "query"
        ? fn.invokeQuery!(argsStr)
        : ctx.kind === "mutation"
          ? fn.invokeMutation!(argsStr)
          : fn.invokeAction!(ctx.requestId, argsStr),
    );
    // Over the limit fails the call even if the function caught the timeout or made no syscall after it.
    checkBudget(ctx.budget);
    const result = JSON.parse(resultStr) as JSONValue;
    this.checkReturns(fn, result);
    return result;
  }

  private logCall(
    kind: FunctionKind,
    path: string,
    started: number,
    error?: ClientError,
    ctx?: { logLines: string[]; requestId: string },
  ) {
    for (const listener of this.executionListeners) {
      listener({
        kind,
        path,
        ms: performance.now() - started,
        error: error?.message ?? null,
        logLines: ctx?.logLines ?? [],
        requestId: ctx?.requestId ?? "",
      });
    }
    const ms = (performance.now() - started).toFixed(1);
    const label = kind === "query" ? "Q" : kind === "mutation" ? "M" : "A";
    if (!error) this.log(`${label} ${path} ${ms}ms ok`);
    else
      this.log(
        `${label} ${path} ${ms}ms error: ${error.message.split("\n").slice(1).join(" | ")}${error.stack && !error.data ? `\n${error.stack}` : ""}`,
      );
  }

  private fail(thrown: unknown, ctx: ExecCtx, kind: FunctionKind, path: string, started: number): never {
    if (thrown instanceof CallError) throw thrown;
    const client = toClientError(thrown, ctx.requestId, this.appDir);
    this.logCall(kind, path, started, client, ctx);
    throw new CallError(client, ctx.logLines);
  }

  async runQuery(
    udfPath: string,
    args: JSONValue,
    identity: UserIdentity | null,
    opts: CallOptions,
  ): Promise<QueryOutcome> {
    const started = performance.now();
    const { fn, path } = this.resolveOrFail(udfPath, "query", opts, started);
    const ctx = newCtx("query", path, identity, opts.parent);
    if (!opts.parent) ctx.journal = { replay: opts.journal ?? [], recorded: [] };
    const body = async () => {
      try {
        let ts = this.store.currentTs();
        if (opts.atTs !== undefined && !opts.parent) {
          try {
            this.store.history.check(opts.atTs, ts);
          } catch (e) {
            throw e instanceof HistoryError ? new UdfError(e.message) : e;
          }
          if (opts.atTs < ts) ctx.snapshot = new Snapshot(this.store, this.store.history, opts.atTs);
          ts = opts.atTs;
        }
        const value = await this.invoke(ctx, fn, args);
        if (!opts.parent) this.logCall("query", path, started, undefined, ctx);
        return { value, logLines: ctx.logLines, reads: ctx.reads, journal: ctx.journal.recorded, ts };
      } catch (e) {
        return this.fail(e, ctx, "query", path, started);
      }
    };
    return opts.parent ? body() : this.lock.run(body);
  }

  async runMutation(
    udfPath: string,
    args: JSONValue,
    identity: UserIdentity | null,
    opts: CallOptions,
  ): Promise<MutationOutcome> {
    const started = performance.now();
    const { fn, path } = this.resolveOrFail(udfPath, "mutation", opts, started);
    if (opts.parent) {
      if (opts.parent.kind !== "mutation") throw new UdfError("Mutations can only be run from mutations or actions");
      const ctx = newCtx("mutation", path, identity, opts.parent);
      const savepoint = `sp_${ctx.requestId}_${Math.floor(Math.random() * 1e9)}`;
      this.store.savepoint(savepoint);
      try {
        const value = await this.invoke(ctx, fn, args);
        this.store.release(savepoint);
        return { value, logLines: ctx.logLines, ts: ctx.ts };
      } catch (e) {
        this.store.rollbackTo(savepoint);
        throw e;
      }
    }
    const ctx = newCtx("mutation", path, identity);
    let value: JSONValue;
    try {
      value = await this.group.submit(async () => {
        ctx.ts = this.store.nextTs();
        const result = await this.invoke(ctx, fn, args);
        opts.beforeCommit?.(ctx);
        return result;
      });
    } catch (e) {
      return this.fail(e, ctx, "mutation", path, started);
    }
    this.logCall("mutation", path, started, undefined, ctx);
    this.notifyCommit(ctx.writes, ctx.ts);
    return { value, logLines: ctx.logLines, ts: ctx.ts };
  }

  async runAction(
    udfPath: string,
    args: JSONValue,
    identity: UserIdentity | null,
    opts: CallOptions,
  ): Promise<ActionOutcome> {
    const started = performance.now();
    const { fn, path } = this.resolveOrFail(udfPath, "action", opts, started);
    const ctx = newCtx("action", path, identity);
    try {
      if (this.actions) {
        this.checkArgs(fn, args);
        const out = await this.actions.run({ kind: "action", path, args, identity, requestId: ctx.requestId });
        if (!out.ok) {
          this.logCall("action", path, started, out.error, { logLines: out.logLines, requestId: ctx.requestId });
          throw new CallError(out.error, out.logLines);
        }
        this.checkReturns(fn, out.value as JSONValue);
        this.logCall("action", path, started, undefined, { logLines: out.logLines, requestId: ctx.requestId });
        return { value: out.value as JSONValue, logLines: out.logLines };
      }
      const value = await this.invoke(ctx, fn, args);
      this.logCall("action", path, started, undefined, ctx);
      return { value, logLines: ctx.logLines };
    } catch (e) {
      return this.fail(e, ctx, "action", path, started);
    }
  }

  private resolveOrFail(udfPath: string, kind: FunctionKind, opts: CallOptions, started: number) {
    try {
      return this.resolve(udfPath, kind, opts.publicOnly);
    } catch (e) {
      const ctx = newCtx(kind, String(udfPath), null, opts.parent);
      if (opts.parent) throw e;
      return this.fail(e, ctx, kind, String(udfPath), started);
    }
  }

  /** A small transaction of the server's own (storage, scheduler bookkeeping). */
  async systemTransaction<T>(fn: (ts: bigint, writes: Set<string>) => T): Promise<T> {
    return this.lock.run(async () => {
      const writes = new Set<string>();
      let ts = 0n;
      const result = this.store.transaction(() => {
        ts = this.store.nextTs();
        return fn(ts, writes);
      });
      this.notifyCommit(writes, ts);
      return result;
    });
  }

  /** An HTTP action in a worker: the worker finds the route; failures answer 500. */
  async runHttpActionInWorker(
    pool: ActionPool,
    request: SerializedRequest,
    identity: UserIdentity | null,
  ): Promise<SerializedResponse> {
    const started = performance.now();
    const path = `${request.method} ${new URL(request.url).pathname}`;
    const requestId = newCtx("action", path, null).requestId;
    const out = await pool.run({ kind: "http", path, request, identity, requestId });
    const call = {
      kind: "httpAction" as const,
      path,
      ms: performance.now() - started,
      error: out.ok ? null : out.error.message,
      logLines: out.logLines,
      requestId,
    };
    for (const listener of this.executionListeners) listener(call);
    if (out.ok) {
      const res = out.value as SerializedResponse;
      this.log(`H ${path} ${(performance.now() - started).toFixed(1)}ms ${res.status}`);
      return res;
    }
    this.log(
      `H ${path} ${(performance.now() - started).toFixed(1)}ms error: ${out.error.message}${out.error.stack ? `\n${out.error.stack}` : ""}`,
    );
    return {
      status: 500,
      headers: [["content-type", "text/plain"]],
      body: new TextEncoder().encode(out.error.message),
    };
  }

  /** Runs `fn` with `identity` as the current user, for HTTP actions. */
  async runHttpAction(
    handler: { invokeHttpAction: (req: Request) => Promise<Response> },
    request: Request,
    identity: UserIdentity | null,
  ): Promise<Response> {
    const started = performance.now();
    const path = `${request.method} ${new URL(request.url).pathname}`;
    const ctx = newCtx("action", path, identity);
    try {
      const res = await executions.run(ctx, () => handler.invokeHttpAction(request));
      this.log(`H ${path} ${(performance.now() - started).toFixed(1)}ms ${res.status}`);
      return res;
    } catch (e) {
      const client = toClientError(e, ctx.requestId, this.appDir);
      this.log(
        `H ${path} ${(performance.now() - started).toFixed(1)}ms error: ${client.message}${client.stack ? `\n${client.stack}` : ""}`,
      );
      return new Response(client.message, { status: 500 });
    }
  }
}
