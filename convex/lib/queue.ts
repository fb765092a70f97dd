/**
 * The generation queue: at most N jobs in flight per provider (default 8,
 * `PIXORLY_MAX_IN_FLIGHT`); the rest wait as `pending`, Enterprise first, then
 * oldest first, and start as slots free up. A pending job with a `scheduledId`
 * has been given a slot and its run is on its way.
 */
import { internal } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";

export type Provider = "local" | "openrouter";
export const DEFAULT_MAX_IN_FLIGHT = 8;
/** Priorities in queue order. */
const PRIORITIES = [1, 0];

export function providerOf(model: string): Provider {
  return model.startsWith("local/") ? "local" : "openrouter";
}

function maxInFlight(): number {
  const configured = Number(process.env.PIXORLY_MAX_IN_FLIGHT);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_IN_FLIGHT;
}

/**
 * Gives free slots of a provider to the next pending jobs in queue order.
 *
 * A pending job that already holds a slot (`scheduledId`) counts against the
 * limit whatever its priority: a high-priority job arriving while normal ones
 * hold slots must not push the provider past N in flight. Slots are granted in
 * queue order, so within a priority the slot holders are the oldest jobs and
 * `take(limit)` of each priority sees them all.
 */
export async function dispatch(ctx: MutationCtx, provider: Provider) {
  const limit = maxInFlight();
  const processing = await ctx.db
    .query("generationJobs")
    .withIndex("by_provider_status", (q) => q.eq("provider", provider).eq("status", "processing"))
    .take(limit);
  const pendingByPriority = [];
  let holding = 0;
  for (const priority of PRIORITIES) {
    const waiting = await ctx.db
      .query("generationJobs")
      .withIndex("by_provider_status", (q) =>
        q.eq("provider", provider).eq("status", "pending").eq("priority", priority),
      )
      .take(limit);
    holding += waiting.filter((job) => job.scheduledId).length;
    pendingByPriority.push(waiting);
  }
  let slots = limit - processing.length - holding;
  for (const waiting of pendingByPriority) {
    for (const job of waiting) {
      if (slots <= 0) return;
      if (job.scheduledId) continue;
      // A job with an input image runs on Node (sharp decodes and resamples it): `generationNode.ts`.
      const run = job.input ? internal.generationNode.run : internal.generation.run;
      const scheduledId = await ctx.scheduler.runAfter(0, run, { jobId: job._id });
      await ctx.db.patch(job._id, { scheduledId });
      slots--;
    }
  }
}
