/**
 * The one place that turns `ctx.auth` into a Pixorly caller and checks what the caller may do.
 * Public functions are built with these wrappers, so none of them repeats the identity lookup,
 * takes a user id as an argument, or checks a scope by hand.
 *
 * Two kinds of caller, never mixed: users (first-party tokens without `scp`, or edge tokens whose
 * `scp` holds user scopes) and the edge API's service identity (`scp` includes "service"). A service
 * token is refused by the user wrappers and a user token by the service wrappers.
 *
 * Every user function declares its `scope` beside its `args` (a required option: a definition
 * without one does not compile, and the bare-handler form is not offered). The scope table in the
 * README and the scope-matrix test are generated from these declarations (`declared`).
 */
import { customAction, customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import type {
  ArgsArrayForOptionalValidator,
  ArgsArrayToObject,
  Auth,
  DefaultArgsForOptionalValidator,
  RegisteredAction,
  RegisteredMutation,
  RegisteredQuery,
  ReturnValueForOptionalValidator,
  UserIdentity,
} from "convex/server";
import type { GenericValidator, PropertyValidators, Validator } from "convex/values";
import { DEFAULT_PLAN_ID, SERVICE_SCOPE, getPlan, type UserScope } from "@pixorly/core";
import {
  action,
  internalMutation,
  mutation,
  query,
  type ActionCtx,
  type MutationCtx,
  type QueryCtx,
} from "../_generated/server";
import type { Doc } from "../_generated/dataModel";
import { fail } from "./errors";
import { checkSessionPartner } from "./partnerAccess";

/**
 * What a public user function requires of the caller's token:
 * - a user scope: a token with `scp` must hold it (first-party tokens, without `scp`, hold every scope);
 * - `"session"`: any signed-in user session (the caller's own profile, provisioning);
 * - `"first-party"`: a session that is neither a partner's (`pid`) nor an API key's (`akid`),
 *   for managing API keys, so a short-lived or delegated credential cannot mint a lasting one;
 * - `"own-account"`: the user's own session or one of their API keys (`akid`), but not a partner's
 *   embed session (`pid`): reading the account's own records (usage), which a developer reads with a
 *   key while a partner's end user bills to the partner and has nothing of their own to read there.
 */
export type FunctionScope = UserScope | "session" | "first-party" | "own-account";
export const SESSION = "session" satisfies FunctionScope;
export const FIRST_PARTY = "first-party" satisfies FunctionScope;
export const OWN_ACCOUNT = "own-account" satisfies FunctionScope;

function scopesOf(identity: UserIdentity): unknown[] | null {
  return Array.isArray(identity.scp) ? identity.scp : null;
}

function isService(identity: UserIdentity): boolean {
  return scopesOf(identity)?.includes(SERVICE_SCOPE) ?? false;
}

/** Refuses a caller whose token does not allow `scope` (FORBIDDEN, naming the scope). */
export function checkScope(identity: UserIdentity, scope: FunctionScope) {
  if (scope === SESSION) return;
  if (scope === FIRST_PARTY) {
    if (identity.pid !== undefined)
      fail("FORBIDDEN", "A partner's embed session cannot do this; use your partner server.");
    if (identity.akid !== undefined)
      fail(
        "FORBIDDEN",
        "An API key cannot do this (account settings, keys, webhooks); sign in to your account instead.",
      );
    return;
  }
  if (scope === OWN_ACCOUNT) {
    if (identity.pid !== undefined)
      fail("FORBIDDEN", "A partner's embed session cannot do this; use your partner server.");
    return;
  }
  const scopes = scopesOf(identity);
  if (scopes && !scopes.includes(scope)) fail("FORBIDDEN", `This token does not allow "${scope}".`);
}

async function callerIdentity(ctx: { auth: Auth }): Promise<UserIdentity | null> {
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

/**
 * A first-party user starts on the default plan (the trial, with its credits); a partner's user
 * starts on the partner's plan with no credits and no trial: the partner pays for its users'
 * generations, within its monthly quota (`lib/limits.ts`).
 */
async function provisionUser(
  ctx: MutationCtx,
  identity: UserIdentity,
  partner: Doc<"partners"> | null,
): Promise<Doc<"users">> {
  const fields = partner
    ? { plan: partner.plan, credits: 0, partnerId: partner._id }
    : (() => {
        const plan = getPlan(DEFAULT_PLAN_ID);
        return {
          plan: plan.id,
          credits: plan.startingCredits,
          // The starting credits are the first grant (`credit.low` is measured against it).
          ...(plan.startingCredits > 0 ? { lastGrant: plan.startingCredits } : {}),
          ...(plan.trialDays ? { trialEndsAt: Date.now() + plan.trialDays * 86_400_000 } : {}),
        };
      })();
  const id = await ctx.db.insert("users", { tokenIdentifier: identity.tokenIdentifier, storageUsed: 0, ...fields });
  return (await ctx.db.get(id))!;
}

type ScopeOption = { scope: FunctionScope };

const baseUserQuery = customQuery(
  query,
  customCtx(async (ctx, { scope }: ScopeOption) => {
    const identity = await callerIdentity(ctx);
    if (!identity) return { identity, user: null, partner: null };
    checkScope(identity, scope);
    const user = await findUser(ctx, identity);
    const partner = await checkSessionPartner(ctx, identity, user);
    return { identity, user, partner };
  }),
);

const userMutationCtx = customCtx(async (ctx: MutationCtx, { scope }: ScopeOption) => {
  const identity = await callerIdentity(ctx);
  if (!identity) return fail("UNAUTHENTICATED");
  checkScope(identity, scope);
  const found = await findUser(ctx, identity);
  const partner = await checkSessionPartner(ctx, identity, found);
  let user = found ?? (await provisionUser(ctx, identity, partner));
  if (user.deletingAt !== undefined) return fail("FORBIDDEN", "This account is being deleted.");
  // Kept for account emails (`lib/email.ts`); a token without the claim leaves the last one known.
  if (typeof identity.email === "string" && identity.email !== user.email) {
    await ctx.db.patch(user._id, { email: identity.email });
    user = { ...user, email: identity.email };
  }
  // A partner's users follow the partner's plan when operators change it.
  if (partner && user.plan !== partner.plan) {
    await ctx.db.patch(user._id, { plan: partner.plan });
    user = { ...user, plan: partner.plan };
  }
  return { identity, user, partner };
});

const baseUserMutation = customMutation(mutation, userMutationCtx);

/**
 * An internal mutation acting as the signed-in caller (the identity a user action runs with is
 * passed on to the functions it runs), with the same checks and provisioning as `userMutation`:
 * for the write step of a `userAction`.
 */
export const internalUserMutation = customMutation(internalMutation, userMutationCtx);

/**
 * A public action for a signed-in caller, for the few user functions that must reach outside
 * Convex before writing (a webhook URL is resolved in DNS before it is saved). It checks the token
 * and its scope like the other wrappers; its writes go through an `internalUserMutation`.
 */
const baseUserAction = customAction(
  action,
  customCtx(async (ctx: ActionCtx, { scope }: ScopeOption) => {
    const identity = await callerIdentity(ctx);
    if (!identity) return fail("UNAUTHENTICATED");
    checkScope(identity, scope);
    return { identity };
  }),
);

type UserQueryCtx = QueryCtx & {
  identity: UserIdentity | null;
  user: Doc<"users"> | null;
  partner: Doc<"partners"> | null;
};
type UserMutationCtx = MutationCtx & { identity: UserIdentity; user: Doc<"users">; partner: Doc<"partners"> | null };
type UserActionCtx = ActionCtx & { identity: UserIdentity };

/** The object form only, with `scope` and `args` required (convex-helpers also accepts a bare handler, which would skip both). */
type ScopedDefinition<Ctx, ArgsValidator, ReturnsValidator, ReturnValue, OneOrZeroArgs extends unknown[]> = {
  scope: FunctionScope;
  args: ArgsValidator;
  returns?: ReturnsValidator;
  handler: (ctx: Ctx, ...args: OneOrZeroArgs) => ReturnValue;
};

type ScopedBuilder<Ctx, Kind extends "query" | "mutation" | "action"> = <
  ArgsValidator extends PropertyValidators | Validator<any, "required", any>,
  ReturnsValidator extends PropertyValidators | GenericValidator | void,
  ReturnValue extends ReturnValueForOptionalValidator<ReturnsValidator> = any,
  OneOrZeroArgs extends ArgsArrayForOptionalValidator<ArgsValidator> = DefaultArgsForOptionalValidator<ArgsValidator>,
>(
  definition: ScopedDefinition<Ctx, ArgsValidator, ReturnsValidator, ReturnValue, OneOrZeroArgs>,
) => Kind extends "query"
  ? RegisteredQuery<"public", ArgsArrayToObject<OneOrZeroArgs>, ReturnValue>
  : Kind extends "mutation"
    ? RegisteredMutation<"public", ArgsArrayToObject<OneOrZeroArgs>, ReturnValue>
    : RegisteredAction<"public", ArgsArrayToObject<OneOrZeroArgs>, ReturnValue>;

/** Read by `scripts/scope-table.mjs` (the README table) and the scope-matrix test: keep the symbol's name in step. */
const SCOPE_KEY = Symbol.for("pixorly.scope");
const PUBLIC = "public";
/** Every declaration a public function can carry: a user function's scope, the service's, or open to anyone. */
type DeclaredScope = FunctionScope | typeof SERVICE_SCOPE | typeof PUBLIC;

/** Records a function's scope on it, where `scripts/scope-table.mjs` and the scope-matrix test read it. */
function declared<F extends object>(fn: F, scope: DeclaredScope): F {
  Object.defineProperty(fn, SCOPE_KEY, { value: scope, enumerable: false });
  return fn;
}

/** A query for a signed-in caller; `user` is null until their first mutation provisions them. */
export const userQuery = ((definition: ScopedDefinition<UserQueryCtx, any, any, any, any>) =>
  declared(baseUserQuery(definition as never), definition.scope)) as unknown as ScopedBuilder<UserQueryCtx, "query">;

/** A mutation for a signed-in caller; the first one provisions the user (see `provisionUser`). */
export const userMutation = ((definition: ScopedDefinition<UserMutationCtx, any, any, any, any>) =>
  declared(baseUserMutation(definition as never), definition.scope)) as unknown as ScopedBuilder<
  UserMutationCtx,
  "mutation"
>;

/** An action for a signed-in caller (see `baseUserAction`); `user` is not loaded here, the mutation it runs loads it. */
export const userAction = ((definition: ScopedDefinition<UserActionCtx, any, any, any, any>) =>
  declared(baseUserAction(definition as never), definition.scope)) as unknown as ScopedBuilder<UserActionCtx, "action">;

type PublicDefinition<ArgsValidator, ReturnsValidator, ReturnValue, OneOrZeroArgs extends unknown[]> = {
  args: ArgsValidator;
  returns: ReturnsValidator;
  handler: (ctx: QueryCtx, ...args: OneOrZeroArgs) => ReturnValue;
};

/**
 * A query anyone may call, signed in or not (the model catalog, public share links). It declares
 * `"public"` so the scope table lists it as deliberately open rather than forgotten; it never reads
 * `ctx.auth`, so nothing it returns may depend on who asks.
 */
export const publicQuery = <
  ArgsValidator extends PropertyValidators | Validator<any, "required", any>,
  ReturnsValidator extends PropertyValidators | GenericValidator,
  ReturnValue extends ReturnValueForOptionalValidator<ReturnsValidator> = any,
  OneOrZeroArgs extends ArgsArrayForOptionalValidator<ArgsValidator> = DefaultArgsForOptionalValidator<ArgsValidator>,
>(
  definition: PublicDefinition<ArgsValidator, ReturnsValidator, ReturnValue, OneOrZeroArgs>,
): RegisteredQuery<"public", ArgsArrayToObject<OneOrZeroArgs>, ReturnValue> =>
  declared(query(definition as never), PUBLIC) as never;

async function serviceIdentity(ctx: QueryCtx): Promise<UserIdentity> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return fail("UNAUTHENTICATED");
  if (!isService(identity)) return fail("FORBIDDEN", "Only the Pixorly edge API may call this.");
  return identity;
}

const baseServiceQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ identity: await serviceIdentity(ctx) })),
);
const baseServiceMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ identity: await serviceIdentity(ctx) })),
);

/** A query only the edge API's service token may call (public, so the edge API can reach it over HTTP). */
export const serviceQuery: typeof baseServiceQuery = ((definition: never) =>
  declared(baseServiceQuery(definition), SERVICE_SCOPE)) as typeof baseServiceQuery;

/** A mutation only the edge API's service token may call. */
export const serviceMutation: typeof baseServiceMutation = ((definition: never) =>
  declared(baseServiceMutation(definition), SERVICE_SCOPE)) as typeof baseServiceMutation;
