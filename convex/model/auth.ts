/**
 * The one place that turns `ctx.auth` into a Pixorly caller. Public functions are
 * built with these wrappers, so none of them repeats the identity lookup or
 * takes a user id as an argument.
 *
 * Two kinds of caller, never mixed: users (first-party tokens without `scp`, or
 * edge tokens whose `scp` holds user scopes) and the edge API's service identity
 * (`scp` includes "service"). A service token is refused by the user wrappers and a
 * user token by the service wrappers, so neither can stand in for the other.
 */
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import type { UserIdentity } from "convex/server";
import { DEFAULT_PLAN_ID, SERVICE_SCOPE, getPlan, type UserScope } from "@pixorly/core";
import { mutation, query, type QueryCtx } from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { fail } from "./errors";

export type Scope = UserScope;

function scopesOf(identity: UserIdentity): unknown[] | null {
  return Array.isArray(identity.scp) ? identity.scp : null;
}

function isService(identity: UserIdentity): boolean {
  return scopesOf(identity)?.includes(SERVICE_SCOPE) ?? false;
}

/** Tokens minted by the edge API carry scopes (`scp`); a token without the claim is first-party and may do everything. */
export function requireScope(identity: UserIdentity, scope: Scope) {
  const scopes = scopesOf(identity);
  if (scopes && !scopes.includes(scope)) fail("FORBIDDEN", `This token does not allow "${scope}".`);
}

/**
 * Tokens the edge API mints for REST calls carry `akid` (the API key's id). Such a
 * caller must not create or revoke keys: a leaked key could otherwise mint fresh keys
 * that outlive its revocation.
 */
export function refuseApiKeyCaller(identity: UserIdentity) {
  if (identity.akid !== undefined) fail("FORBIDDEN", "API keys cannot be managed with an API key.");
}

async function callerIdentity(ctx: QueryCtx): Promise<UserIdentity | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity && isService(identity)) return fail("FORBIDDEN", "The service identity cannot act as a user.");
  return identity;
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
    const identity = await callerIdentity(ctx);
    const user = identity ? await findUser(ctx, identity) : null;
    return { identity, user };
  }),
);

/** A mutation for a signed-in caller; the first one provisions the user on the default plan. */
export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const identity = await callerIdentity(ctx);
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

async function serviceIdentity(ctx: QueryCtx): Promise<UserIdentity> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return fail("UNAUTHENTICATED");
  if (!isService(identity)) return fail("FORBIDDEN", "Only the Pixorly edge API may call this.");
  return identity;
}

/** A query only the edge API's service token may call (public, so the edge API can reach it over HTTP). */
export const serviceQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ identity: await serviceIdentity(ctx) })),
);

/** A mutation only the edge API's service token may call. */
export const serviceMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ identity: await serviceIdentity(ctx) })),
);
