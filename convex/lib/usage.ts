/**
 * Usage rows: one `usageEvents` row per billable thing (a completed generation, a REST request, a
 * change of stored bytes), and the same numbers added to per-day totals (`usageDays`,
 * `usageModelDays`) in the same transaction, so spend summaries read a bounded number of rows
 * (one per day, one per day and model) instead of every event. A partner's users also add to the
 * partner's own day totals (`partnerUsageDays`), so the partner dashboard reads 30 rows, not one
 * per user per day.
 */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

export type UsageEntry =
  | {
      kind: "generation";
      jobId: Id<"generationJobs">;
      model: string;
      credits: number;
      images: number;
      /** The delivered images at list price: what a partner's user (who pays nothing) cost the partner. */
      listCredits?: number;
    }
  | { kind: "apiCall"; apiKeyId: Id<"apiKeys"> }
  | { kind: "storage"; bytes: number; jobId?: Id<"generationJobs"> };

/** The UTC day of a time, `YYYY-MM-DD`. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export async function recordUsage(ctx: MutationCtx, userId: Id<"users">, entry: UsageEntry, at: number = Date.now()) {
  const credits = entry.kind === "generation" ? entry.credits : 0;
  const images = entry.kind === "generation" ? entry.images : 0;
  const bytes = entry.kind === "storage" ? entry.bytes : 0;
  if (entry.kind === "storage" && bytes === 0) return;
  await ctx.db.insert("usageEvents", {
    userId,
    kind: entry.kind,
    at,
    ...(entry.kind === "generation" ? { model: entry.model } : {}),
    ...(entry.kind !== "apiCall" && entry.jobId ? { jobId: entry.jobId } : {}),
    ...(entry.kind === "apiCall" ? { apiKeyId: entry.apiKeyId } : {}),
    credits,
    images,
    bytes,
  });
  const day = dayOf(at);
  const apiCalls = entry.kind === "apiCall" ? 1 : 0;
  const total = await ctx.db
    .query("usageDays")
    .withIndex("by_user_day", (q) => q.eq("userId", userId).eq("day", day))
    .unique();
  if (total) {
    await ctx.db.patch(total._id, {
      credits: total.credits + credits,
      generations: total.generations + images,
      apiCalls: total.apiCalls + apiCalls,
      storageBytes: total.storageBytes + bytes,
    });
  } else {
    await ctx.db.insert("usageDays", { userId, day, credits, generations: images, apiCalls, storageBytes: bytes });
  }
  if (entry.kind === "generation") {
    const model = entry.model;
    const row = await ctx.db
      .query("usageModelDays")
      .withIndex("by_user_day_model", (q) => q.eq("userId", userId).eq("day", day).eq("model", model))
      .unique();
    if (row) await ctx.db.patch(row._id, { credits: row.credits + credits, generations: row.generations + images });
    else await ctx.db.insert("usageModelDays", { userId, day, model, credits, generations: images });
  }
  if (entry.kind === "storage") return;
  const partnerId = (await ctx.db.get(userId))?.partnerId;
  if (partnerId) {
    const partnerCredits = entry.kind === "generation" ? (entry.listCredits ?? credits) : 0;
    const row = await ctx.db
      .query("partnerUsageDays")
      .withIndex("by_partner_day", (q) => q.eq("partnerId", partnerId).eq("day", day))
      .unique();
    if (row) {
      await ctx.db.patch(row._id, {
        credits: row.credits + partnerCredits,
        generations: row.generations + images,
        apiCalls: row.apiCalls + apiCalls,
      });
    } else {
      await ctx.db.insert("partnerUsageDays", {
        partnerId,
        day,
        credits: partnerCredits,
        generations: images,
        apiCalls,
      });
    }
  }
}
