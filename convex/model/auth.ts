/**
 * The one place that turns `ctx.auth` into a Pixorly user. Public functions are
 * built with these wrappers, so none of them repeats the identity lookup or
 * takes a user id as an argument.
 */
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import type { UserIdentity } from "convex/server";
import { DEFAULT_PLAN_ID, getPlan } from "@pixorly/core";
import { mutation, query, type QueryCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { fail } from "./errors";

export type Scope = "generate" | "images:read" | "images:write" | "collections:write";

/** Tokens minted by the edge API carry scopes (`scp`); a token without the claim is first-party and may do everything. */
export function requireScope(identity: UserIdentity, scope: Scope) {
  const scopes = identity.scp;
  if (Array.isArray(scopes) && !scopes.includes(scope)) fail("FORBIDDEN", `This token does not allow "${scope}".`);
}

async function findUser(ctx: QueryCtx, identity: UserIdentity): Promise<Doc<"users"> | null> {
  return await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
}

/** A query for a signed-in caller; `user` is null until their first mutation provisions them. */
export const userQuery = customQuery(
  query,
  customCtx(async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    const user = identity ? await findUser(ctx, identity) : null;
    return { identity, user };
  }),
);

/** A mutation for a signed-in caller; the first one provisions the user on the default plan. */
export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return fail("UNAUTHENTICATED");
    let user = await findUser(ctx, identity);
    if (!user) {
      const plan = getPlan(DEFAULT_PLAN_ID);
      const id = await ctx.db.insert("users", {
        tokenIdentifier: identity.tokenIdentifier,
        plan: plan.id,
        credits: plan.startingCredits,
        storageUsed: 0,
        ...(plan.trialDays ? { trialEndsAt: Date.now() + plan.trialDays * 86_400_000 } : {}),
      });
      user = (await ctx.db.get(id))!;
    }
    return { identity, user };
  }),
);
