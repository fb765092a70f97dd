/** The state of one function execution, found through AsyncLocalStorage by the syscalls. */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytesPooled } from "./random.js";
import type { UserIdentity } from "./auth.js";
import type { Snapshot } from "./history.js";
import type { Row } from "./query.js";
import type { TimeBudget } from "./time-limit.js";

export type FunctionKind = "query" | "mutation" | "action";

export type ExecCtx = {
  kind: FunctionKind;
  udfPath: string;
  identity: UserIdentity | null;
  requestId: string;
  logLines: string[];
  /** Tables read, for deciding which subscriptions a commit invalidates. */
  reads: Set<string>;
  /** Tables written by this transaction. */
  writes: Set<string>;
  /** Commit timestamp of the enclosing mutation. */
  ts: bigint;
  streams: Map<number, Iterator<Row>>;
  /** Page ends of `paginate` calls: recorded now, replayed on re-runs of a subscription. */
  journal: { replay: (string | null)[]; recorded: (string | null)[] };
  /** Queries and mutations: the 1-second execution budget, shared with nested calls (time-limit.ts). */
  budget: TimeBudget | null;
  /** A query at a past timestamp (`/api/query_at_ts`) reads through this; absent: the newest state. */
  snapshot?: Snapshot;
};

export const executions = new AsyncLocalStorage<ExecCtx>();

export function newRequestId(): string {
  return randomBytesPooled(8).toString("hex");
}

export function newCtx(kind: FunctionKind, udfPath: string, identity: UserIdentity | null, parent?: ExecCtx): ExecCtx {
  return {
    kind,
    udfPath,
    identity,
    requestId: parent?.requestId ?? newRequestId(),
    logLines: parent?.logLines ?? [],
    reads: parent?.reads ?? new Set(),
    writes: parent?.writes ?? new Set(),
    ts: parent?.ts ?? 0n,
    streams: new Map(),
    journal: parent?.journal ?? { replay: [], recorded: [] },
    budget: parent?.budget ?? null,
    snapshot: parent?.snapshot,
  };
}

export function currentCtx(): ExecCtx {
  const ctx = executions.getStore();
  if (!ctx) throw new Error("Convex syscall outside of a function execution");
  return ctx;
}
