/**
 * `credit.low` and `credit.depleted`: after any change of a balance, its level (`creditLevel` in
 * core: depleted at 0, low below 10 % of the last grant) is compared with the level last announced
 * (`users.creditAlert`). Each crossing downwards is announced once; going back up (a refund, a
 * grant) re-arms it. A partner's users have no balance of their own and are never announced.
 */
import { CREDIT_LOW_SHARE, creditLevel, getPlan } from "@pixorly/core";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { sendEmail } from "./email";
import { emitEvent } from "./webhookEvents";

/** The grant `credit.low` is measured against: the recorded one, else the plan's starting credits. */
export function lastGrantOf(user: { lastGrant?: number; plan: Parameters<typeof getPlan>[0] }): number {
  return user.lastGrant ?? getPlan(user.plan).startingCredits;
}

/** Call after writing a user's new balance. */
export async function noteBalance(ctx: MutationCtx, userId: Id<"users">) {
  const user = await ctx.db.get(userId);
  if (!user || user.partnerId !== undefined) return;
  const lastGrant = lastGrantOf(user);
  const level = creditLevel(user.credits, lastGrant);
  const previous = user.creditAlert ?? "ok";
  if (level === previous) return;
  await ctx.db.patch(userId, { creditAlert: level === "ok" ? undefined : level });
  const data = { balance: user.credits, lastGrant, threshold: lastGrant * CREDIT_LOW_SHARE };
  if (previous === "ok") {
    await emitEvent(ctx, userId, "credit.low", data);
    await sendEmail(ctx, { userId, template: "creditLow", data: { balance: data.balance, threshold: data.threshold } });
  }
  if (level === "depleted") await emitEvent(ctx, userId, "credit.depleted", data);
}
