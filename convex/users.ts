import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { userMutation } from "./model/auth";
import { planId } from "./model/validators";

const profile = v.object({ userId: v.id("users"), plan: v.string(), credits: v.number(), storageUsed: v.number() });

/** Provisions the caller on first use and returns their profile (the studio calls it when it starts). */
export const ensure = userMutation({
  args: {},
  returns: profile,
  handler: async (ctx) => ({
    userId: ctx.user._id,
    plan: ctx.user.plan,
    credits: ctx.user.credits,
    storageUsed: ctx.user.storageUsed,
  }),
});

/** For operators (support grants, corrections, plan changes): sets a user's balance and/or plan. */
export const updateAccount = internalMutation({
  args: {
    userId: v.id("users"),
    credits: v.optional(v.number()),
    plan: v.optional(planId),
  },
  returns: v.null(),
  handler: async (ctx, { userId, credits, plan }) => {
    if (credits !== undefined && (!Number.isSafeInteger(credits) || credits < 0)) {
      throw new Error("credits must be a non-negative whole number");
    }
    await ctx.db.patch(userId, { ...(credits !== undefined ? { credits } : {}), ...(plan ? { plan } : {}) });
    return null;
  },
});
