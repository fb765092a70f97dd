/**
 * Generation outcomes per model, for operations (`/metrics` on the edge API via `metrics:operations`).
 * Each finished job adds to two rows of `generationStats`: its model's running total (`period`
 * "total", what Prometheus counters need: they only grow, and rates over time come from Prometheus)
 * and its model's UTC hour (`period` "YYYY-MM-DDTHH", for a page showing the last day without
 * Prometheus). Counting when the job ends costs two small writes in the transaction that ends it,
 * where scanning jobs at scrape time would read every job ever run.
 */
import type { MutationCtx } from "../_generated/server";

export const TOTAL_PERIOD = "total";

/** The UTC hour of `ms` as `YYYY-MM-DDTHH`. */
export function hourOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

/** Counts one finished generation of `model`: completed (with how long it ran) or failed. */
export async function recordOutcome(
  ctx: MutationCtx,
  model: string,
  outcome: "completed" | "failed",
  durationMs: number | null,
  now = Date.now(),
) {
  for (const period of [TOTAL_PERIOD, hourOf(now)]) {
    const row = await ctx.db
      .query("generationStats")
      .withIndex("by_period_model", (q) => q.eq("period", period).eq("model", model))
      .unique();
    const base = row ?? { completed: 0, failed: 0, durationMsSum: 0, durationCount: 0 };
    const next = {
      completed: base.completed + (outcome === "completed" ? 1 : 0),
      failed: base.failed + (outcome === "failed" ? 1 : 0),
      durationMsSum: base.durationMsSum + (durationMs ?? 0),
      durationCount: base.durationCount + (durationMs === null ? 0 : 1),
    };
    if (row) await ctx.db.patch(row._id, next);
    else await ctx.db.insert("generationStats", { period, model, ...next });
  }
}
