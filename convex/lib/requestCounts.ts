/**
 * The REST API's daily limit (plan `apiRequestsPerDay`), counted in Convex per owner user and UTC
 * day across all their keys, so neither more keys nor more edge instances raise it.
 */
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { billingPlan } from "./limits";

const DAY_MS = 86_400_000;

export type RequestDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/**
 * Counts one request for `owner` and says whether it is allowed. An unlimited plan counts nothing and
 * answers `limit` = `remaining` = `Number.MAX_SAFE_INTEGER` (the contract's fields are numbers).
 */
export async function countRequest(
  ctx: MutationCtx,
  owner: Doc<"users">,
  partner: Doc<"partners"> | null,
  now: number,
): Promise<RequestDecision> {
  const resetSeconds = Math.ceil((DAY_MS - (now % DAY_MS)) / 1000);
  const limit = billingPlan(owner, partner).apiRequestsPerDay;
  if (limit === null)
    return { allowed: true, limit: Number.MAX_SAFE_INTEGER, remaining: Number.MAX_SAFE_INTEGER, resetSeconds };
  const day = new Date(now).toISOString().slice(0, 10);
  const row = await ctx.db
    .query("apiRequestCounts")
    .withIndex("by_user_day", (q) => q.eq("userId", owner._id).eq("day", day))
    .unique();
  const used = row?.count ?? 0;
  // A refused request is not counted, so a client hammering past the limit does not push it further.
  if (used >= limit) return { allowed: false, limit, remaining: 0, resetSeconds };
  if (row) await ctx.db.patch(row._id, { count: used + 1 });
  else await ctx.db.insert("apiRequestCounts", { userId: owner._id, day, count: 1 });
  return { allowed: true, limit, remaining: limit - used - 1, resetSeconds };
}

/** Rows of days before yesterday are never read again (the edge only asks about today). */
export const PRUNE_BATCH = 500;

/** Deletes up to one batch of past days' counters; returns how many it deleted (a full batch means run again). */
export async function prunePastDays(ctx: MutationCtx, now: number): Promise<number> {
  const yesterday = new Date(now - DAY_MS).toISOString().slice(0, 10);
  const old = await ctx.db
    .query("apiRequestCounts")
    .withIndex("by_day", (q) => q.lt("day", yesterday))
    .take(PRUNE_BATCH);
  for (const row of old) await ctx.db.delete(row._id);
  return old.length;
}
