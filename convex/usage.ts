/**
 * What an account has used: every limit of its plan with how much of it is used and when it resets
 * (`account`), and spend by day and by model (`summary`, from the per-day totals `lib/usage.ts`
 * keeps, so 90 days read at most 90 day rows plus their model rows).
 */
import { v } from "convex/values";
import { USAGE_SUMMARY_DAYS } from "@pixorly/core";
import { lastGrantOf } from "./lib/creditAlerts";
import { activeJobCount, maxActiveJobs } from "./lib/createJob";
import { fail } from "./lib/errors";
import { billingPlan, hourlyWindow, monthlyUsage } from "./lib/limits";
import { OWN_ACCOUNT, SESSION, userQuery } from "./lib/auth";
import { dayOf } from "./lib/usage";
import { planId } from "./lib/validators";

const DAY_MS = 86_400_000;
/** Model rows one summary reads at most (90 days × 50 models); beyond it the oldest days' models are left out. */
const MODEL_ROWS_MAX = 4_500;

const limitRow = v.object({
  name: v.string(),
  used: v.number(),
  limit: v.union(v.number(), v.null()),
  resetsAt: v.union(v.number(), v.null()),
});

/**
 * The caller's plan, balance, trial end, last grant and every limit of the plan: `generationsPerMonth`
 * (the partner's shared quota for a partner's user), `storageBytes`, `generationsPerHour` (rolling:
 * resets when the oldest job of the hour leaves it), `apiRequestsPerDay` (UTC day), `concurrentJobs`.
 * `limit` null = unlimited; `resetsAt` null = does not reset by time. Null before the first mutation
 * provisions the caller.
 */
export const account = userQuery({
  scope: SESSION,
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      plan: planId,
      credits: v.number(),
      trialEndsAt: v.union(v.number(), v.null()),
      lastGrant: v.number(),
      limits: v.array(limitRow),
    }),
  ),
  handler: async (ctx) => {
    const user = ctx.user;
    if (!user) return null;
    const now = Date.now();
    const plan = billingPlan(user, ctx.partner);
    const month = await monthlyUsage(ctx, user, ctx.partner, now);
    const hour = await hourlyWindow(ctx, user._id, plan.generationsPerHour, now);
    const today = dayOf(now);
    // A limited plan's REST requests are what the limit counts; an unlimited one's counter is not
    // kept (`lib/requestCounts.ts`), so its usage rows of the day say how many there were.
    const requests =
      plan.apiRequestsPerDay !== null
        ? await ctx.db
            .query("apiRequestCounts")
            .withIndex("by_user_day", (q) => q.eq("userId", user._id).eq("day", today))
            .unique()
        : await ctx.db
            .query("usageDays")
            .withIndex("by_user_day", (q) => q.eq("userId", user._id).eq("day", today))
            .unique()
            .then((row) => (row ? { count: row.apiCalls } : null));
    const concurrency = maxActiveJobs();
    const active = await activeJobCount(ctx, user._id, concurrency);
    return {
      plan: user.plan,
      credits: user.credits,
      trialEndsAt: !ctx.partner && user.plan === "trial" ? (user.trialEndsAt ?? null) : null,
      lastGrant: ctx.partner ? 0 : lastGrantOf(user),
      limits: [
        { name: "generationsPerMonth", used: month.used, limit: month.limit, resetsAt: month.resetsAt },
        { name: "storageBytes", used: user.storageUsed, limit: plan.storageBytes, resetsAt: null },
        {
          name: "generationsPerHour",
          used: Math.min(hour.used, plan.generationsPerHour),
          limit: plan.generationsPerHour,
          resetsAt: hour.resetsAt,
        },
        {
          name: "apiRequestsPerDay",
          used: requests?.count ?? 0,
          limit: plan.apiRequestsPerDay,
          resetsAt: Math.floor(now / DAY_MS) * DAY_MS + DAY_MS,
        },
        { name: "concurrentJobs", used: active, limit: concurrency, resetsAt: null },
      ],
    };
  },
});

const summaryShape = v.object({
  days: v.array(v.object({ day: v.string(), credits: v.number(), generations: v.number(), apiCalls: v.number() })),
  byModel: v.array(v.object({ model: v.string(), credits: v.number(), generations: v.number() })),
  totals: v.object({ credits: v.number(), generations: v.number(), apiCalls: v.number() }),
});

/**
 * The caller's spend over the last `days` UTC days (today included): credits spent, images
 * generated and REST requests per day (oldest first, every day present), per model (most credits
 * first), and totals. Open to the user's API keys too (`GET /api/v1/usage`), not to embed sessions.
 */
export const summary = userQuery({
  scope: OWN_ACCOUNT,
  args: { days: v.number() },
  returns: summaryShape,
  handler: async (ctx, { days }) => {
    const { min, max } = USAGE_SUMMARY_DAYS;
    if (!Number.isInteger(days) || days < min || days > max) {
      fail("INVALID_ARGUMENT", `days must be a whole number from ${min} to ${max}.`, [
        { field: "days", message: `Use a whole number from ${min} to ${max}` },
      ]);
    }
    const now = Date.now();
    const dayList = Array.from({ length: days }, (_, i) => dayOf(now - (days - 1 - i) * DAY_MS));
    const first = dayList[0]!;
    const empty = {
      days: dayList.map((day) => ({ day, credits: 0, generations: 0, apiCalls: 0 })),
      byModel: [],
      totals: { credits: 0, generations: 0, apiCalls: 0 },
    };
    const user = ctx.user;
    if (!user) return empty;
    const rows = await ctx.db
      .query("usageDays")
      .withIndex("by_user_day", (q) => q.eq("userId", user._id).gte("day", first))
      .take(days + 1);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const perDay = dayList.map((day) => {
      const r = byDay.get(day);
      return { day, credits: r?.credits ?? 0, generations: r?.generations ?? 0, apiCalls: r?.apiCalls ?? 0 };
    });
    const modelRows = await ctx.db
      .query("usageModelDays")
      .withIndex("by_user_day_model", (q) => q.eq("userId", user._id).gte("day", first))
      .order("desc")
      .take(MODEL_ROWS_MAX);
    const models = new Map<string, { model: string; credits: number; generations: number }>();
    for (const r of modelRows) {
      const m = models.get(r.model) ?? { model: r.model, credits: 0, generations: 0 };
      m.credits += r.credits;
      m.generations += r.generations;
      models.set(r.model, m);
    }
    const totals = perDay.reduce(
      (t, d) => ({
        credits: t.credits + d.credits,
        generations: t.generations + d.generations,
        apiCalls: t.apiCalls + d.apiCalls,
      }),
      { credits: 0, generations: 0, apiCalls: 0 },
    );
    return {
      days: perDay,
      byModel: [...models.values()].sort(
        (a, b) => b.credits - a.credits || b.generations - a.generations || a.model.localeCompare(b.model),
      ),
      totals,
    };
  },
});
