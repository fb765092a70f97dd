import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { SESSION, userMutation } from "./model/auth";
import { planId } from "./model/validators";

const profile = v.object({ userId: v.id("users"), plan: v.string(), credits: v.number(), storageUsed: v.number() });

/** Provisions the caller on first use and returns their profile (the studio calls it when it starts). */
export const ensure = userMutation({
  scope: SESSION,
  args: {},
  returns: profile,
  handler: async (ctx) => ({
    userId: ctx.user._id,
    plan: ctx.user.plan,
    credits: ctx.user.credits,
    storageUsed: ctx.user.storageUsed,
  }),
});

/** For operators (support grants, corrections, plan changes, trial extensions): sets a user's balance, plan and/or trial end (ms). */
export const updateAccount = internalMutation({
  args: {
    userId: v.id("users"),
    credits: v.optional(v.number()),
    plan: v.optional(planId),
    trialEndsAt: v.optional(v.number()),
  },
  returns: v.null(),
  handler: async (ctx, { userId, credits, plan, trialEndsAt }) => {
    if (credits !== undefined && (!Number.isSafeInteger(credits) || credits < 0)) {
      throw new Error("credits must be a non-negative whole number");
    }
    if (trialEndsAt !== undefined && !Number.isSafeInteger(trialEndsAt)) throw new Error("trialEndsAt must be a time in milliseconds");
    await ctx.db.patch(userId, {
      ...(credits !== undefined ? { credits } : {}),
      ...(plan ? { plan } : {}),
      ...(trialEndsAt !== undefined ? { trialEndsAt } : {}),
    });
    return null;
  },
});
