import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { SESSION, userMutation } from "./lib/auth";
import { fail } from "./lib/errors";
import { noteBalance } from "./lib/creditAlerts";
import { planId } from "./lib/validators";

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
    if (trialEndsAt !== undefined && !Number.isSafeInteger(trialEndsAt))
      throw new Error("trialEndsAt must be a time in milliseconds");
    const before = await ctx.db.get(userId);
    if (!before) return fail("NOT_FOUND", "User not found.");
    // A raise of the balance is a grant: `credit.low` is measured against the amount added.
    const grant = credits !== undefined && credits > before.credits ? credits - before.credits : undefined;
    await ctx.db.patch(userId, {
      ...(credits !== undefined ? { credits } : {}),
      ...(grant !== undefined ? { lastGrant: grant } : {}),
      ...(plan ? { plan } : {}),
      ...(trialEndsAt !== undefined ? { trialEndsAt } : {}),
    });
    if (credits !== undefined) await noteBalance(ctx, userId);
    return null;
  },
});

/**
 * For operators (`npm run pixorly -- user grant-credits`): adds credits to a user's balance and
 * returns the new balance. Adding (not setting) keeps reservations of running jobs intact.
 */
export const grantCredits = internalMutation({
  args: { userId: v.string(), credits: v.number() },
  returns: v.object({ userId: v.id("users"), credits: v.number() }),
  handler: async (ctx, args) => {
    if (!Number.isSafeInteger(args.credits) || args.credits <= 0) {
      fail("INVALID_ARGUMENT", "credits: Give a positive whole number of credits", [
        { field: "credits", message: "Give a positive whole number of credits" },
      ]);
    }
    const id = ctx.db.normalizeId("users", args.userId);
    const user = id ? await ctx.db.get(id) : null;
    if (!user) return fail("NOT_FOUND", "User not found.");
    const credits = user.credits + args.credits;
    if (!Number.isSafeInteger(credits))
      fail("INVALID_ARGUMENT", "credits: The balance would be too large", [
        { field: "credits", message: "The balance would be too large" },
      ]);
    // The amount added is the last grant (`credit.low` is measured against it); the alerts re-arm.
    await ctx.db.patch(user._id, { credits, lastGrant: args.credits });
    await noteBalance(ctx, user._id);
    return { userId: user._id, credits };
  },
});
