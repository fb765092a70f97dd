/**
 * Partners: the sites that embed the studio. Operators create them; the edge API
 * authenticates their servers by secret key and builds its CORS list from their origins.
 */
import { v } from "convex/values";
import { PARTNER_LIMITS, type PlanId } from "@pixorly/core";
import { internalMutation } from "./_generated/server";
import { serviceQuery } from "./model/auth";
import { InputIssues, checkName, checkOrigins, checkScopes } from "./model/inputs";
import { findBySecret, newSecret } from "./model/secrets";
import { planId } from "./model/validators";

const PUBLISHABLE_PREFIX = "pxp_";
const SECRET_PREFIX = "pxs_";
/** Partners are paying customers by the time an operator creates them, so not the self-serve trial. */
const DEFAULT_PARTNER_PLAN: PlanId = "pro";

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
    }),
    v.null(),
  ),
  handler: async (ctx, { secretKey }) => {
    const partner = await findBySecret(
      secretKey,
      SECRET_PREFIX,
      (hash) => ctx.db.query("partners").withIndex("by_secret_hash", (q) => q.eq("secretKeyHash", hash)).unique(),
      (p) => p.secretKeyHash,
    );
    if (!partner) return null;
    const { _id, name, allowedOrigins, allowedScopes, plan } = partner;
    return { partnerId: _id, name, allowedOrigins, allowedScopes, plan };
  },
});

/** For the edge API's CORS list: every partner's allowed origins, each once. */
export const origins = serviceQuery({
  args: {},
  returns: v.array(v.string()),
  handler: async (ctx) => {
    const all = new Set<string>();
    // Partners are few (each is an operator-made contract), so one read of the table is fine.
    for (const partner of await ctx.db.query("partners").collect()) for (const origin of partner.allowedOrigins) all.add(origin);
    return [...all];
  },
});
