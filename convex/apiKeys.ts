/**
 * REST API keys (`px_…`). A first-party user creates a key with some of their permissions; a
 * partner's server creates keys for its users (always with an expiry). The edge API verifies a key
 * on each request (through its service identity), counts the request against the owner's daily
 * limit, and then acts as the key's owner with a short-lived token carrying the key's permissions
 * and its id (`akid`).
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { API_KEY_LIMITS } from "@pixorly/core";
import { FIRST_PARTY, serviceMutation, userMutation, userQuery } from "./lib/auth";
import { KEY_PREFIX, PARTNER_KEY_MAX_LIFETIME_MS, checkExpiry, isExpired, issueKey } from "./lib/apiKeyRules";
import { fail } from "./lib/errors";
import { InputIssues, checkName, checkScopes } from "./lib/inputs";
import { activePartner } from "./lib/partnerAccess";
import { PRUNE_BATCH, countRequest as countOwnerRequest, prunePastDays } from "./lib/requestCounts";
import { findBySecret } from "./lib/secrets";
import { recordUsage } from "./lib/usage";
import { planId } from "./lib/validators";

/** `lastUsedAt` is rewritten at most this often, so a busy key does not make every request a conflicting write. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** The edge API's user ids for partner users (`POST /v1/embed/tokens`), so a key's subject matches its embed tokens'. */
const PARTNER_USER_ID = /^[A-Za-z0-9_.:@-]{1,128}$/;

const keySummary = v.object({
  id: v.id("apiKeys"),
  name: v.string(),
  prefix: v.string(),
  permissions: v.array(v.string()),
  createdAt: v.number(),
  expiresAt: v.optional(v.number()),
  lastUsedAt: v.optional(v.number()),
  revokedAt: v.optional(v.number()),
});

/**
 * Creates a key for the caller and returns it; the key itself is never shown again. First-party
 * sessions only: an embed token or an API key could otherwise turn itself into a lasting key.
 */
export const create = userMutation({
  scope: FIRST_PARTY,
  args: { name: v.string(), permissions: v.array(v.string()), expiresAt: v.optional(v.number()) },
  returns: v.object({ id: v.id("apiKeys"), key: v.string(), prefix: v.string() }),
  handler: async (ctx, args) => {
    const now = Date.now();
    const issues = new InputIssues();
    const name = checkName(issues, "name", args.name, API_KEY_LIMITS.name);
    const permissions = checkScopes(issues, "permissions", args.permissions);
    if (args.expiresAt !== undefined)
      checkExpiry(issues, args.expiresAt, now, API_KEY_LIMITS.maxLifetimeMs, "one year");
    issues.throwIfAny();

    // A scoped session cannot hand a key more than it has itself.
    const sessionScopes = ctx.identity.scp;
    if (Array.isArray(sessionScopes)) {
      const beyond = permissions.filter((p) => !sessionScopes.includes(p));
      if (beyond.length > 0) fail("FORBIDDEN", `This session cannot grant ${beyond.join(", ")}.`);
    }
    return await issueKey(
      ctx,
      { userId: ctx.user._id, subject: ctx.identity.subject },
      { name, permissions, ...(args.expiresAt !== undefined ? { expiresAt: args.expiresAt } : {}) },
      now,
    );
  },
});

/**
 * For the edge API (`POST /v1/partner/api-keys`, authenticated with the partner's secret): a key for
 * one of the partner's users, with permissions within the partner's scopes and an expiry at most
 * 90 days away. The user is provisioned as the partner's if they have not been seen yet.
 */
export const createForPartnerUser = serviceMutation({
  args: {
    partnerId: v.string(),
    userId: v.string(),
    name: v.string(),
    permissions: v.array(v.string()),
    expiresAt: v.number(),
  },
  returns: v.object({ id: v.id("apiKeys"), key: v.string(), prefix: v.string(), expiresAt: v.number() }),
  handler: async (ctx, args) => {
    const partner = await activePartner(ctx, args.partnerId);
    if (!partner) return fail("FORBIDDEN", "This partner account is not active.");
    const now = Date.now();
    const issues = new InputIssues();
    if (!PARTNER_USER_ID.test(args.userId)) issues.add("userId", "Use 1–128 of A–Z a–z 0–9 _ . : @ -");
    const name = checkName(issues, "name", args.name, API_KEY_LIMITS.name);
    const permissions = checkScopes(issues, "permissions", args.permissions);
    checkExpiry(issues, args.expiresAt, now, PARTNER_KEY_MAX_LIFETIME_MS, "90 days");
    issues.throwIfAny();
    const beyond = permissions.filter((p) => !partner.allowedScopes.includes(p));
    if (beyond.length > 0) fail("FORBIDDEN", `Your partner account may not grant ${beyond.join(", ")}.`);

    // The same subject and token identifier the partner's embed tokens give this user, so the key acts as them.
    const subject = `partner:${partner._id}:${args.userId}`;
    const tokenIdentifier = `${ctx.identity.issuer}|${subject}`;
    const existing = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", tokenIdentifier))
      .unique();
    const userId =
      existing?._id ??
      (await ctx.db.insert("users", {
        tokenIdentifier,
        plan: partner.plan,
        credits: 0,
        storageUsed: 0,
        partnerId: partner._id,
      }));
    if (existing && existing.partnerId !== partner._id)
      return fail("FORBIDDEN", "This user does not belong to your partner account.");
    const key = await issueKey(ctx, { userId, subject }, { name, permissions, expiresAt: args.expiresAt }, now);
    return { ...key, expiresAt: args.expiresAt };
  },
});

/** The caller's keys, newest first, revoked ones included; never the key or its hash. */
export const list = userQuery({
  scope: FIRST_PARTY,
  args: {},
  returns: v.array(keySummary),
  handler: async (ctx) => {
    if (!ctx.identity || !ctx.user) return [];
    const userId = ctx.user._id;
    const keys = await ctx.db
      .query("apiKeys")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .collect();
    return keys
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(({ _id, name, prefix, permissions, createdAt, expiresAt, lastUsedAt, revokedAt }) => ({
        id: _id,
        name,
        prefix,
        permissions,
        createdAt,
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        ...(lastUsedAt !== undefined ? { lastUsedAt } : {}),
        ...(revokedAt !== undefined ? { revokedAt } : {}),
      }));
  },
});

/** Revokes one of the caller's keys at once; revoking a revoked key changes nothing. */
export const revoke = userMutation({
  scope: FIRST_PARTY,
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    const keyId = ctx.db.normalizeId("apiKeys", id);
    const key = keyId ? await ctx.db.get(keyId) : null;
    if (!key || key.userId !== ctx.user._id) return fail("NOT_FOUND", "API key not found.");
    if (key.revokedAt === undefined) await ctx.db.patch(key._id, { revokedAt: Date.now() });
    return null;
  },
});

/**
 * For the edge API: who a key acts for and what it may do, or null if it is not a usable key
 * (unknown, revoked, expired, or its owner's partner is no longer active).
 */
export const verify = serviceMutation({
  args: { key: v.string() },
  returns: v.union(
    v.object({ keyId: v.id("apiKeys"), subject: v.string(), permissions: v.array(v.string()), plan: planId }),
    v.null(),
  ),
  handler: async (ctx, { key: presented }) => {
    const key = await findBySecret(
      presented,
      KEY_PREFIX,
      (hash) =>
        ctx.db
          .query("apiKeys")
          .withIndex("by_hash", (q) => q.eq("keyHash", hash))
          .unique(),
      (k) => k.keyHash,
    );
    const now = Date.now();
    if (!key || key.revokedAt !== undefined || isExpired(key, now)) return null;
    const owner = await ctx.db.get(key.userId);
    if (!owner) return null;
    const partner = owner.partnerId !== undefined ? await activePartner(ctx, owner.partnerId) : null;
    if (owner.partnerId !== undefined && !partner) return null;
    if (key.lastUsedAt === undefined || now - key.lastUsedAt >= LAST_USED_RESOLUTION_MS)
      await ctx.db.patch(key._id, { lastUsedAt: now });
    return {
      keyId: key._id,
      subject: key.subject,
      permissions: key.permissions,
      plan: partner ? partner.plan : owner.plan,
    };
  },
});

/** For the edge API, once per authenticated REST request: counts it against the key owner's daily limit (`lib/requestCounts.ts`). */
export const countRequest = serviceMutation({
  args: { keyId: v.string() },
  returns: v.object({ allowed: v.boolean(), limit: v.number(), remaining: v.number(), resetSeconds: v.number() }),
  handler: async (ctx, { keyId }) => {
    const id = ctx.db.normalizeId("apiKeys", keyId);
    const key = id ? await ctx.db.get(id) : null;
    const owner = key ? await ctx.db.get(key.userId) : null;
    if (!owner) return fail("NOT_FOUND", "API key not found.");
    const partner = owner.partnerId !== undefined ? await activePartner(ctx, owner.partnerId) : null;
    const decision = await countOwnerRequest(ctx, owner, partner, Date.now());
    if (decision.allowed) await recordUsage(ctx, owner._id, { kind: "apiCall", apiKeyId: key!._id });
    return decision;
  },
});

/** Cron: drops daily request counters of past days, a batch at a time (rescheduling itself after a full batch). */
export const pruneRequestCounts = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    if ((await prunePastDays(ctx, Date.now())) === PRUNE_BATCH)
      await ctx.scheduler.runAfter(0, internal.apiKeys.pruneRequestCounts, {});
    return null;
  },
});
