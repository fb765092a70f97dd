/**
 * REST API keys (`px_…`). A user creates a key with some of their permissions; the edge
 * API verifies it on each request (through its service identity) and then acts as the
 * key's owner with a short-lived token carrying the key's permissions and its id (`akid`).
 */
import { v } from "convex/values";
import { API_KEY_LIMITS } from "@pixorly/core";
import type { Doc } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { refuseApiKeyCaller, serviceMutation, userMutation, userQuery } from "./model/auth";
import { fail } from "./model/errors";
import { InputIssues, checkName, checkScopes } from "./model/inputs";
import { findBySecret, newSecret } from "./model/secrets";
import { planId } from "./model/validators";

const KEY_PREFIX = "px_";
/** Characters of the key kept for display: `px_` and the first 8 secret characters. */
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 8;
/** `lastUsedAt` is rewritten at most this often, so a busy key does not make every request a conflicting write. */
const LAST_USED_RESOLUTION_MS = 60_000;

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

function isExpired(key: Doc<"apiKeys">, now: number) {
  return key.expiresAt !== undefined && key.expiresAt <= now;
}

async function activeKeyCount(ctx: QueryCtx, userId: Doc<"users">["_id"], now: number) {
  const unrevoked = await ctx.db
    .query("apiKeys")
    .withIndex("by_user", (q) => q.eq("userId", userId).eq("revokedAt", undefined))
    .collect();
  return unrevoked.filter((key) => !isExpired(key, now)).length;
}

/** Creates a key for the caller and returns it; the key itself is never shown again. */
export const create = userMutation({
  args: { name: v.string(), permissions: v.array(v.string()), expiresAt: v.optional(v.number()) },
  returns: v.object({ id: v.id("apiKeys"), key: v.string(), prefix: v.string() }),
  handler: async (ctx, args) => {
    refuseApiKeyCaller(ctx.identity);
    const now = Date.now();
    const issues = new InputIssues();
    const name = checkName(issues, "name", args.name, API_KEY_LIMITS.name);
    const permissions = checkScopes(issues, "permissions", args.permissions);
    if (args.expiresAt !== undefined) {
      if (!Number.isFinite(args.expiresAt) || args.expiresAt <= now) issues.add("expiresAt", "Expiry must be in the future");
      else if (args.expiresAt > now + API_KEY_LIMITS.maxLifetimeMs) issues.add("expiresAt", "Expiry must be at most one year away");
    }
    issues.throwIfAny();

    // A scoped session (an embed token) cannot hand a key more than it has itself.
    const sessionScopes = ctx.identity.scp;
    if (Array.isArray(sessionScopes)) {
      const beyond = permissions.filter((p) => !sessionScopes.includes(p));
      if (beyond.length > 0) fail("FORBIDDEN", `This session cannot grant ${beyond.join(", ")}.`);
    }
    if ((await activeKeyCount(ctx, ctx.user._id, now)) >= API_KEY_LIMITS.activePerUser) {
      fail("QUOTA_EXCEEDED", `You have ${API_KEY_LIMITS.activePerUser} active API keys. Revoke one to create another.`);
    }

    const { secret, hash } = await newSecret(KEY_PREFIX);
    const prefix = secret.slice(0, DISPLAY_PREFIX_LENGTH);
    const id = await ctx.db.insert("apiKeys", {
      userId: ctx.user._id,
      subject: ctx.identity.subject,
      name,
      prefix,
      keyHash: hash,
      permissions,
      createdAt: now,
      ...(args.expiresAt !== undefined ? { expiresAt: args.expiresAt } : {}),
    });
    return { id, key: secret, prefix };
  },
});

/** The caller's keys, newest first, revoked ones included; never the key or its hash. */
export const list = userQuery({
  args: {},
  returns: v.array(keySummary),
  handler: async (ctx) => {
    if (!ctx.identity || !ctx.user) return [];
    refuseApiKeyCaller(ctx.identity);
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
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    refuseApiKeyCaller(ctx.identity);
    const keyId = ctx.db.normalizeId("apiKeys", id);
    const key = keyId ? await ctx.db.get(keyId) : null;
    if (!key || key.userId !== ctx.user._id) return fail("NOT_FOUND", "API key not found.");
    if (key.revokedAt === undefined) await ctx.db.patch(key._id, { revokedAt: Date.now() });
    return null;
  },
});

/** For the edge API: who a key acts for and what it may do, or null if it is not a usable key. */
export const verify = serviceMutation({
  args: { key: v.string() },
  returns: v.union(v.object({ keyId: v.id("apiKeys"), subject: v.string(), permissions: v.array(v.string()), plan: planId }), v.null()),
  handler: async (ctx, { key: presented }) => {
    const key = await findBySecret(
      presented,
      KEY_PREFIX,
      (hash) => ctx.db.query("apiKeys").withIndex("by_hash", (q) => q.eq("keyHash", hash)).unique(),
      (k) => k.keyHash,
    );
    const now = Date.now();
    if (!key || key.revokedAt !== undefined || isExpired(key, now)) return null;
    const owner = await ctx.db.get(key.userId);
    if (!owner) return null;
    if (key.lastUsedAt === undefined || now - key.lastUsedAt >= LAST_USED_RESOLUTION_MS) await ctx.db.patch(key._id, { lastUsedAt: now });
    return { keyId: key._id, subject: key.subject, permissions: key.permissions, plan: owner.plan };
  },
});
