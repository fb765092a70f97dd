/**
 * How long a model takes per image, for the studio's progress estimate. Each completed job adds
 * its time per image (run time / images delivered) to the model's `modelTimings` row, which keeps
 * the last `RECENT_RUNS` of them. The catalog (`catalog.ts`) answers the median of those as
 * `estimatedMs` and the middle half (25th–75th percentile) as `estimatedRangeMs`, so one slow
 * outlier (a cold start, a busy provider) no longer moves the estimate: the rolling average used
 * before jumped from ~0.2 s to ~3 s between loads after a single warm-up run.
 */
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/** Recent runs kept per model. */
export const RECENT_RUNS = 21;
/** Fewer runs than this and the model's declared estimate stands. */
export const MIN_RUNS_FOR_ESTIMATE = 3;

export async function recordModelTiming(ctx: MutationCtx, modelId: string, perImageMs: number): Promise<void> {
  const ms = Math.max(1, Math.round(perImageMs));
  const timing = await ctx.db
    .query("modelTimings")
    .withIndex("by_model", (q) => q.eq("modelId", modelId))
    .unique();
  if (!timing) {
    await ctx.db.insert("modelTimings", { modelId, averageMs: ms, samples: 1, recentMs: [ms] });
    return;
  }
  const recentMs = [...(timing.recentMs ?? []), ms].slice(-RECENT_RUNS);
  const samples = timing.samples + 1;
  // `averageMs` stays a plain running mean for operations; the estimate comes from `recentMs`.
  await ctx.db.patch(timing._id, {
    averageMs: timing.averageMs + (ms - timing.averageMs) / samples,
    samples,
    recentMs,
  });
}

/** The value at fraction `q` (0–1) of sorted numbers, interpolated. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** The estimate from a model's recent runs, or null while there are too few. */
export function measuredEstimate(
  timing: Pick<Doc<"modelTimings">, "recentMs"> | null,
): { estimatedMs: number; estimatedRangeMs: { low: number; high: number } } | null {
  const recent = timing?.recentMs ?? [];
  if (recent.length < MIN_RUNS_FOR_ESTIMATE) return null;
  const sorted = [...recent].sort((a, b) => a - b);
  const round = (ms: number) => Math.max(1, Math.round(ms));
  return {
    estimatedMs: round(quantile(sorted, 0.5)),
    estimatedRangeMs: { low: round(quantile(sorted, 0.25)), high: round(quantile(sorted, 0.75)) },
  };
}
