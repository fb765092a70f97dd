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

/** Gives free slots of a provider to the next pending jobs in queue order. */
export async function dispatch(ctx: MutationCtx, provider: Provider) {
  const limit = maxInFlight();
  const processing = await ctx.db
    .query("generationJobs")
    .withIndex("by_provider_status", (q) => q.eq("provider", provider).eq("status", "processing"))
    .take(limit);
  let slots = limit - processing.length;
  for (const priority of PRIORITIES) {
    if (slots <= 0) return;
    const waiting = await ctx.db
      .query("generationJobs")
      .withIndex("by_provider_status", (q) => q.eq("provider", provider).eq("status", "pending").eq("priority", priority))
      .take(slots);
    for (const job of waiting) {
      if (!job.scheduledId) {
        const scheduledId = await ctx.scheduler.runAfter(0, internal.generation.run, { jobId: job._id });
        await ctx.db.patch(job._id, { scheduledId });
      }
      slots--;
    }
  }
}
