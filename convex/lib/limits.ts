/**
 * Billing limits checked in the one place jobs are created (`createJob`), and the monthly
 * generation counters behind them. A generation is one requested image: counted when the job is
 * created (so concurrent creates cannot overshoot) and given back when the job fails, is cancelled
 * or delivers fewer images.
 *
 * Who pays: a first-party user pays with their own credits under their own plan (the trial ends at
 * `trialEndsAt`). A partner's user has no credits and no trial: the partner pays for its users under
 * the partner's plan, and every user of the partner draws on one monthly allowance — the partner's
 * `quotaPerMonth`, or its plan's `generationsPerMonth` when no quota was agreed.
 */
import { BYTES_PER_GB, getPlan, type Plan } from "@pixorly/core";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "./errors";

/** The calendar month (UTC) a time falls in, as `YYYY-MM`: the counters' key. */
export function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

/** When the month of `time` ends (UTC), as `YYYY-MM-DD`: when monthly limits reset. */
export function monthResetDate(time: number): string {
  const d = new Date(time);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** When the month of `time` ends (UTC), in milliseconds. */
export function monthResetTime(time: number): number {
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export const HOUR_MS = 3_600_000;

/**
 * Jobs created in the rolling hour before `now` (at most `limit` + 1 are read) and when the oldest
 * of the ones that fill the limit leaves the window (null when nothing was created).
 */
export async function hourlyWindow(ctx: QueryCtx, userId: Doc<"users">["_id"], limit: number, now: number) {
  const jobs = await ctx.db
    .query("generationJobs")
    .withIndex("by_user", (q) => q.eq("userId", userId).gt("_creationTime", now - HOUR_MS))
    .take(limit + 1);
  const used = jobs.length;
  // The slot that frees next is the oldest job still needed to reach the limit.
  const freeing = jobs[Math.max(0, used - limit)];
  return { used, resetsAt: freeing ? Math.ceil(freeing._creationTime + HOUR_MS) : null };
}

/** The monthly allowance a caller draws on (theirs or their partner's), how much of it is used, and when it resets. */
export async function monthlyUsage(ctx: QueryCtx, user: Doc<"users">, partner: Doc<"partners"> | null, now: number) {
  const allowance = allowanceOf(user, partner, billingPlan(user, partner));
  const counter = await ctx.db
    .query("generationCounts")
    .withIndex("by_owner_month", (q) => q.eq("owner", allowance.owner).eq("month", monthOf(now)))
    .unique();
  return { used: counter?.images ?? 0, limit: allowance.limit, resetsAt: monthResetTime(now) };
}

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

type Allowance = {
  owner: string;
  limit: number | null;
  code: "MONTHLY_LIMIT" | "PARTNER_QUOTA_EXCEEDED";
  describe: (limit: number) => string;
};

function allowanceOf(user: Doc<"users">, partner: Doc<"partners"> | null, plan: Plan): Allowance {
  if (partner) {
    return {
      owner: `partner:${partner._id}`,
      limit: partner.quotaPerMonth ?? plan.generationsPerMonth,
      code: "PARTNER_QUOTA_EXCEEDED",
      describe: (limit) => `This site's monthly quota of ${limit} generations is used up`,
    };
  }
  return {
    owner: `user:${user._id}`,
    limit: plan.generationsPerMonth,
    code: "MONTHLY_LIMIT",
    describe: (limit) => `Your ${plan.name} plan allows ${limit} generations per month and this month's are used up`,
  };
}

async function counterOf(ctx: MutationCtx, owner: string, month: string) {
  return await ctx.db
    .query("generationCounts")
    .withIndex("by_owner_month", (q) => q.eq("owner", owner).eq("month", month))
    .unique();
}

/** The storage limit's error text: it names the limit (storage does not reset by time; deleting makes room). */
export function storageFullMessage(plan: Readonly<Plan>): string {
  return `Your storage limit of ${plan.storageBytes / BYTES_PER_GB} GB is used up. Delete some images or upgrade your plan to make room.`;
}

/** The plan a caller's generations run under: a partner's user follows the partner's current plan. */
export function billingPlan(user: Doc<"users">, partner: Doc<"partners"> | null): Readonly<Plan> {
  return getPlan(partner ? partner.plan : user.plan);
}

/**
 * Refuses a generation of `images` images that a limit does not allow, each limit with its own
 * code and a message naming the limit and when it resets; otherwise counts the images.
 */
export async function chargeGenerations(
  ctx: MutationCtx,
  user: Doc<"users">,
  partner: Doc<"partners"> | null,
  images: number,
  now: number,
) {
  const plan = billingPlan(user, partner);
  if (!partner && user.plan === "trial" && user.trialEndsAt !== undefined && user.trialEndsAt <= now) {
    fail(
      "TRIAL_EXPIRED",
      `Your free trial ended on ${dayOf(user.trialEndsAt)} (UTC). Upgrade to Pro to keep generating.`,
    );
  }
  if (user.storageUsed >= plan.storageBytes) fail("QUOTA_EXCEEDED", storageFullMessage(plan));
  const allowance = allowanceOf(user, partner, plan);
  const month = monthOf(now);
  const counter = await counterOf(ctx, allowance.owner, month);
  const used = counter?.images ?? 0;
  if (allowance.limit !== null && used + images > allowance.limit) {
    const left = Math.max(0, allowance.limit - used);
    const leftNote = left > 0 ? ` (${left} left, this job asks for ${images})` : "";
    fail(
      allowance.code,
      `${allowance.describe(allowance.limit)}${leftNote}. It resets on ${monthResetDate(now)} (UTC).`,
    );
  }
  if (counter) await ctx.db.patch(counter._id, { images: used + images });
  else await ctx.db.insert("generationCounts", { owner: allowance.owner, month, images });
}

/** Gives back `images` generations of a job (failed, cancelled, or fewer images delivered) to the month it was counted in. */
export async function releaseGenerations(ctx: MutationCtx, job: Doc<"generationJobs">, images: number) {
  if (images <= 0) return;
  const user = await ctx.db.get(job.userId);
  if (!user) return;
  const owner = user.partnerId !== undefined ? `partner:${user.partnerId}` : `user:${user._id}`;
  const counter = await counterOf(ctx, owner, monthOf(job._creationTime));
  if (counter) await ctx.db.patch(counter._id, { images: Math.max(0, counter.images - images) });
}
