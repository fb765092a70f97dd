/**
 * Convex's execution limit for queries and mutations: 1 second of the function's own execution (time
 * spent inside database and other syscalls does not count, as on Convex), failing with
 * `Function execution timed out (maximum duration: 1s)`. `CONVEX_LOCAL_UDF_TIME_LIMIT_MS` changes it. convex-local runs them on the main thread, so
 * it cannot stop JavaScript that never yields: the limit is checked at every syscall (each `ctx.db`,
 * `ctx.auth`, `ctx.storage`, `ctx.scheduler` and nested-function call) and when the function returns.
 * Once over, every later syscall fails and the function fails even if its code caught the error, so a
 * mutation over the limit commits nothing. (A loop that makes no syscall holds the server until it
 * ends; the package README lists this.)
 */
import { UdfError } from "./errors.js";

export const UDF_TIME_LIMIT_MS =
  Number(process.env.CONVEX_LOCAL_UDF_TIME_LIMIT_MS) > 0 ? Number(process.env.CONVEX_LOCAL_UDF_TIME_LIMIT_MS) : 1000;

/** `syscallMs`: time spent inside syscalls, which is not the function's own execution. */
export type TimeBudget = { start: number; limitMs: number; syscallMs: number; failed: UdfError | null };

export function startBudget(limitMs: number): TimeBudget {
  return { start: performance.now(), limitMs, syscallMs: 0, failed: null };
}

function formatLimit(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Throws (and remembers) the timeout once the budget is spent. */
export function checkBudget(budget: TimeBudget | null | undefined) {
  if (!budget) return;
  if (!budget.failed && performance.now() - budget.start - budget.syscallMs > budget.limitMs) {
    budget.failed = new UdfError(`Function execution timed out (maximum duration: ${formatLimit(budget.limitMs)})`);
  }
  if (budget.failed) throw budget.failed;
}

/** Runs a syscall's work outside the budget. */
export function outsideBudget<T>(budget: TimeBudget | null, work: () => T): T {
  if (!budget) return work();
  const t0 = performance.now();
  try {
    return work();
  } finally {
    budget.syscallMs += performance.now() - t0;
  }
}
