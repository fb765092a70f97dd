/**
 * Partners: the sites that embed the studio. Operators create, suspend, reactivate, delete them and
 * rotate their secrets; the edge API authenticates their servers by secret key and builds its CORS
 * list from their origins. Revoking works through the partner's status and token version, which
 * every call of a partner's session checks (`lib/partnerAccess.ts`).
 */
import { v } from "convex/values";
import { PARTNER_LIMITS, type PlanId } from "@pixorly/core";
import type { Id } from "./_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx } from "./_generated/server";
import { serviceQuery } from "./lib/auth";
import { InputIssues, checkName, checkOrigins, checkScopes } from "./lib/inputs";
import { findBySecret, newSecret } from "./lib/secrets";
import { fail } from "./lib/errors";
import { statusOf, tokenVersionOf, type PartnerStatus } from "./lib/partnerAccess";
import { planId } from "./lib/validators";

const PUBLISHABLE_PREFIX = "pxp_";
const SECRET_PREFIX = "pxs_";
/** Partners are paying customers by the time an operator creates them, so not the self-serve trial. */
const DEFAULT_PARTNER_PLAN: PlanId = "pro";
/** How long the old secret (and the tokens it minted) keep working after a rotation, unless the operator says otherwise. */
const DEFAULT_ROTATION_GRACE_SECONDS = 3_600;
/** The longest grace an operator may give: a leaked secret should not outlive its rotation by more. */
const MAX_ROTATION_GRACE_SECONDS = 7 * 86_400;

/** For operators: creates a partner and returns its keys. The secret key is shown only here. */
export const create = internalMutation({
  args: {
    name: v.string(),
    allowedOrigins: v.array(v.string()),
    allowedScopes: v.array(v.string()),
    plan: v.optional(planId),
    quotaPerMonth: v.optional(v.number()),
  },
  returns: v.object({ partnerId: v.id("partners"), publishableKey: v.string(), secretKey: v.string() }),
  handler: async (ctx, args) => {
    const issues = new InputIssues();
    const name = checkName(issues, "name", args.name, PARTNER_LIMITS.name);
    const allowedOrigins = checkOrigins(issues, "allowedOrigins", args.allowedOrigins);
    const allowedScopes = checkScopes(issues, "allowedScopes", args.allowedScopes);
    if (args.quotaPerMonth !== undefined && !(Number.isSafeInteger(args.quotaPerMonth) && args.quotaPerMonth > 0)) {
      issues.add("quotaPerMonth", "Quota must be a positive whole number");
    }
    issues.throwIfAny();

    const secret = await newSecret(SECRET_PREFIX);
    const publishableKey = (await newSecret(PUBLISHABLE_PREFIX)).secret;
    const partnerId = await ctx.db.insert("partners", {
      name,
      allowedOrigins,
      allowedScopes,
      plan: args.plan ?? DEFAULT_PARTNER_PLAN,
      publishableKey,
      secretKeyHash: secret.hash,
      ...(args.quotaPerMonth !== undefined ? { quotaPerMonth: args.quotaPerMonth } : {}),
      createdAt: Date.now(),
      status: "active",
      tokenVersion: 1,
    });
    return { partnerId, publishableKey, secretKey: secret.secret };
  },
});

/** For the edge API: the partner a secret key belongs to, or null for any key that is not one. */
export const authenticate = serviceQuery({
  args: { secretKey: v.string() },
  returns: v.union(
    v.object({
      partnerId: v.id("partners"),
      name: v.string(),
      allowedOrigins: v.array(v.string()),
      allowedScopes: v.array(v.string()),
      plan: planId,
      tokenVersion: v.number(),
    }),
    v.null(),
  ),
  handler: async (ctx, { secretKey }) => {
    const current = await findBySecret(
      secretKey,
      SECRET_PREFIX,
      (hash) =>
        ctx.db
          .query("partners")
          .withIndex("by_secret_hash", (q) => q.eq("secretKeyHash", hash))
          .unique(),
      (p) => p.secretKeyHash,
    );
    // The secret a rotation replaced works until its grace ends, minting tokens of the old version,
    // so those tokens stop together with it.
    const previous = current
      ? null
      : await findBySecret(
          secretKey,
          SECRET_PREFIX,
          (hash) =>
            ctx.db
              .query("partners")
              .withIndex("by_previous_secret_hash", (q) => q.eq("previousSecretKeyHash", hash))
              .unique(),
          (p) => p.previousSecretKeyHash ?? "",
        );
    const partner = current ?? previous;
    if (!partner || statusOf(partner) !== "active") return null;
    let tokenVersion = tokenVersionOf(partner);
    if (!current) {
      if (
        partner.graceEndsAt === undefined ||
        partner.previousTokenVersion === undefined ||
        Date.now() >= partner.graceEndsAt
      )
        return null;
      tokenVersion = partner.previousTokenVersion;
    }
    const { _id, name, allowedOrigins, allowedScopes, plan } = partner;
    return { partnerId: _id, name, allowedOrigins, allowedScopes, plan, tokenVersion };
  },
});

async function partnerFor(ctx: MutationCtx, partnerId: Id<"partners">) {
  const partner = await ctx.db.get(partnerId);
  if (!partner || statusOf(partner) === "deleted") return fail("NOT_FOUND", "Partner not found.");
  return partner;
}

/**
 * For operators: stops a partner at once. Its secret stops authenticating, its embed tokens and its
 * users' API keys are refused; the token version moves on, so reactivating does not revive tokens.
 */
export const suspend = internalMutation({
  args: { partnerId: v.id("partners") },
  returns: v.null(),
  handler: async (ctx, { partnerId }) => {
    const partner = await partnerFor(ctx, partnerId);
    await ctx.db.patch(partner._id, {
      status: "suspended",
      tokenVersion: tokenVersionOf(partner) + 1,
      graceEndsAt: undefined,
    });
    return null;
  },
});

/** For operators: lets a suspended partner work again (with new tokens; old ones stay revoked). */
export const reactivate = internalMutation({
  args: { partnerId: v.id("partners") },
  returns: v.null(),
  handler: async (ctx, { partnerId }) => {
    const partner = await partnerFor(ctx, partnerId);
    await ctx.db.patch(partner._id, { status: "active" });
    return null;
  },
});

/**
 * For operators: ends a partnership for good. The row stays (its users' jobs and images point at
 * it) but can never authenticate again: both secret hashes are cleared.
 */
export const remove = internalMutation({
  args: { partnerId: v.id("partners") },
  returns: v.null(),
  handler: async (ctx, { partnerId }) => {
    const partner = await partnerFor(ctx, partnerId);
    await ctx.db.patch(partner._id, {
      status: "deleted",
      tokenVersion: tokenVersionOf(partner) + 1,
      secretKeyHash: "",
      previousSecretKeyHash: undefined,
      previousTokenVersion: undefined,
      graceEndsAt: undefined,
    });
    return null;
  },
});

/**
 * For operators: a new secret key (shown only here). The old secret, and embed tokens minted
 * before, keep working for `graceSeconds` (default one hour, 0 = revoke at once) so the partner
 * can deploy the new secret without an outage.
 */
export const rotateSecret = internalMutation({
  args: { partnerId: v.id("partners"), graceSeconds: v.optional(v.number()) },
  returns: v.object({ secretKey: v.string(), tokenVersion: v.number(), graceEndsAt: v.number() }),
  handler: async (ctx, { partnerId, graceSeconds = DEFAULT_ROTATION_GRACE_SECONDS }) => {
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_ROTATION_GRACE_SECONDS) {
      fail("INVALID_ARGUMENT", `graceSeconds must be a whole number from 0 to ${MAX_ROTATION_GRACE_SECONDS}.`, [
        { field: "graceSeconds", message: `0 to ${MAX_ROTATION_GRACE_SECONDS} seconds` },
      ]);
    }
    const partner = await partnerFor(ctx, partnerId);
    if (statusOf(partner) !== "active") fail("CONFLICT", "Reactivate the partner before rotating its secret.");
    const secret = await newSecret(SECRET_PREFIX);
    const tokenVersion = tokenVersionOf(partner) + 1;
    const graceEndsAt = Date.now() + graceSeconds * 1000;
    await ctx.db.patch(partner._id, {
      secretKeyHash: secret.hash,
      previousSecretKeyHash: partner.secretKeyHash,
      previousTokenVersion: tokenVersionOf(partner),
      graceEndsAt,
      tokenVersion,
    });
    return { secretKey: secret.secret, tokenVersion, graceEndsAt };
  },
});

/** For the edge API's CORS list: every partner's allowed origins, each once. */
export const origins = serviceQuery({
  args: {},
  returns: v.array(v.string()),
  handler: async (ctx) => {
    const all = new Set<string>();
    // Partners are few (each is an operator-made contract), so one read of the table is fine.
    for (const partner of await ctx.db.query("partners").collect()) {
      if (statusOf(partner) === "active") for (const origin of partner.allowedOrigins) all.add(origin);
    }
    return [...all];
  },
});

const partnerSummary = v.object({
  partnerId: v.id("partners"),
  name: v.string(),
  status: v.union(v.literal("active"), v.literal("suspended"), v.literal("deleted")),
  plan: planId,
  allowedOrigins: v.array(v.string()),
  allowedScopes: v.array(v.string()),
  publishableKey: v.string(),
  quotaPerMonth: v.optional(v.number()),
  createdAt: v.number(),
  /** Set while a rotated-out secret still works. */
  graceEndsAt: v.optional(v.number()),
});

/** For operators (`npm run pixorly -- partner list`): every partner, oldest first, never a secret or its hash. */
export const list = internalQuery({
  args: {},
  returns: v.array(partnerSummary),
  handler: async (ctx) => {
    const now = Date.now();
    // Partners are few (each is an operator-made contract), so one read of the table is fine.
    const partners = await ctx.db.query("partners").collect();
    return partners.map((p) => {
      const status: PartnerStatus = statusOf(p);
      return {
        partnerId: p._id,
        name: p.name,
        status,
        plan: p.plan,
        allowedOrigins: p.allowedOrigins,
        allowedScopes: p.allowedScopes,
        publishableKey: p.publishableKey,
        ...(p.quotaPerMonth !== undefined ? { quotaPerMonth: p.quotaPerMonth } : {}),
        createdAt: p.createdAt,
        ...(p.graceEndsAt !== undefined && p.graceEndsAt > now ? { graceEndsAt: p.graceEndsAt } : {}),
      };
    });
  },
});

/**
 * For operators: replaces a partner's allowed origins. Embed tokens already minted for a removed
 * origin stop working in browsers at once, since the edge checks each request's `Origin` against
 * the token and builds CORS from this list.
 */
export const setOrigins = internalMutation({
  args: { partnerId: v.string(), allowedOrigins: v.array(v.string()) },
  returns: v.array(v.string()),
  handler: async (ctx, args) => {
    const id = ctx.db.normalizeId("partners", args.partnerId);
    if (!id) return fail("NOT_FOUND", "Partner not found.");
    const partner = await partnerFor(ctx, id);
    const issues = new InputIssues();
    const allowedOrigins = checkOrigins(issues, "allowedOrigins", args.allowedOrigins);
    if (args.allowedOrigins.length === 0) issues.add("allowedOrigins", "Give at least one origin");
    issues.throwIfAny();
    await ctx.db.patch(partner._id, { allowedOrigins });
    return allowedOrigins;
  },
});
