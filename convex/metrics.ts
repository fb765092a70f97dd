import { v } from "convex/values";
import { internalQuery, type QueryCtx } from "./_generated/server";
import { serviceQuery } from "./lib/auth";
import { TOTAL_PERIOD, hourOf } from "./lib/generationStats";

/**
 * The most rows one scrape counts per state, so a runaway backlog cannot make the query unbounded:
 * with `MODELS_MAX` the query reads at most 5 × 2,000 + 25 × 100 documents, within Convex's read limit.
 */
export const COUNT_CAP = 2_000;
/** Models listed at most per period (the catalog holds tens). */
const MODELS_MAX = 100;
const HOUR_MS = 3_600_000;

/** For operators (served through the edge API's service identity): queue depth and recent waiting time. */
export const queue = internalQuery({
  args: {},
  returns: v.object({ pending: v.number(), processing: v.number(), averageWaitMs: v.union(v.number(), v.null()) }),
  handler: async (ctx) => {
    const count = async (status: "pending" | "processing") =>
      (
        await ctx.db
          .query("generationJobs")
          .withIndex("by_status_priority", (q) => q.eq("status", status))
          .collect()
      ).length;
    const recent = await ctx.db
      .query("generationJobs")
      .withIndex("by_status_priority", (q) => q.eq("status", "completed"))
      .order("desc")
      .take(100);
    const waits = recent.filter((j) => j.startedAt !== undefined).map((j) => j.startedAt! - j._creationTime);
    return {
      pending: await count("pending"),
      processing: await count("processing"),
      averageWaitMs: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    };
  },
});

const outcomeRow = v.object({
  model: v.string(),
  completed: v.number(),
  failed: v.number(),
  durationMsSum: v.number(),
  durationCount: v.number(),
});

const operationsShape = v.object({
  generations: v.array(outcomeRow),
  hourly: v.array(v.object({ hour: v.string(), rows: v.array(outcomeRow) })),
  queue: v.array(v.object({ provider: v.string(), pending: v.number(), processing: v.number() })),
  webhooks: v.object({ pending: v.number(), overdueMs: v.number() }),
  capped: v.boolean(),
});

/** The snapshot both `operations` (edge API, service token) and `overview` (operators, admin key) answer with. */
async function operationsSnapshot(ctx: QueryCtx) {
  const now = Date.now();
  const strip = (r: {
    model: string;
    completed: number;
    failed: number;
    durationMsSum: number;
    durationCount: number;
  }) => ({
    model: r.model,
    completed: r.completed,
    failed: r.failed,
    durationMsSum: r.durationMsSum,
    durationCount: r.durationCount,
  });
  const totals = await ctx.db
    .query("generationStats")
    .withIndex("by_period_model", (q) => q.eq("period", TOTAL_PERIOD))
    .take(MODELS_MAX);
  const hourly = [];
  for (let i = 23; i >= 0; i--) {
    const hour = hourOf(now - i * HOUR_MS);
    const rows = await ctx.db
      .query("generationStats")
      .withIndex("by_period_model", (q) => q.eq("period", hour))
      .take(MODELS_MAX);
    hourly.push({ hour, rows: rows.map(strip) });
  }
  let capped = false;
  const count = async (provider: "local" | "openrouter", status: "pending" | "processing") => {
    const n = (
      await ctx.db
        .query("generationJobs")
        .withIndex("by_provider_status", (q) => q.eq("provider", provider).eq("status", status))
        .take(COUNT_CAP)
    ).length;
    if (n >= COUNT_CAP) capped = true;
    return n;
  };
  const queue = [];
  for (const provider of ["local", "openrouter"] as const) {
    queue.push({
      provider,
      pending: await count(provider, "pending"),
      processing: await count(provider, "processing"),
    });
  }
  const backlog = await ctx.db
    .query("webhookDeliveries")
    .withIndex("by_status_due", (q) => q.eq("status", "pending"))
    .take(COUNT_CAP);
  if (backlog.length >= COUNT_CAP) capped = true;
  // Ordered by due time; a pending row without one (never scheduled) sorts first and is skipped.
  const oldestDue = backlog.find((d) => d.nextAttemptAt !== undefined)?.nextAttemptAt;
  return {
    generations: totals.map(strip),
    hourly,
    queue,
    webhooks: { pending: backlog.length, overdueMs: oldestDue === undefined ? 0 : Math.max(0, now - oldestDue) },
    capped,
  };
}

/**
 * For the edge API's `/metrics` (service token only): finished generations per model since the
 * deployment began (running totals, for Prometheus counters) and per UTC hour over the last 24
 * hours; jobs waiting and running per provider; webhook deliveries waiting for an attempt or a
 * retry, and how overdue the oldest is. Each count stops at `COUNT_CAP` (`capped` says so).
 */
export const operations = serviceQuery({
  args: {},
  returns: operationsShape,
  handler: async (ctx) => await operationsSnapshot(ctx),
});

/**
 * The same snapshot for operators: `npx convex run metrics:overview` with the admin key, and the demo's
 * Operations page through its dev server (which holds convex-local's admin key; browsers never do).
 */
export const overview = internalQuery({
  args: {},
  returns: operationsShape,
  handler: async (ctx) => await operationsSnapshot(ctx),
});
