/** Issuing API keys, shared by `apiKeys:create` (first-party users) and `apiKeys:createForPartnerUser` (a partner's server). */
import { API_KEY_LIMITS } from "@pixorly/core";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "./errors";
import type { InputIssues } from "./inputs";
import { newSecret } from "./secrets";

export const KEY_PREFIX = "px_";
/** Characters of the key kept for display: `px_` and the first 8 secret characters. */
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 8;
/** A partner user's key must expire within this (a partner's server can always issue a new one). */
export const PARTNER_KEY_MAX_LIFETIME_MS = 90 * 86_400_000;

export function isExpired(key: Doc<"apiKeys">, now: number) {
  return key.expiresAt !== undefined && key.expiresAt <= now;
}

/** Reports an expiry that is not a time in the future within `maxLifetimeMs`. */
export function checkExpiry(
  issues: InputIssues,
  expiresAt: number,
  now: number,
  maxLifetimeMs: number,
  maxLabel: string,
) {
  if (!Number.isFinite(expiresAt) || expiresAt <= now) issues.add("expiresAt", "Expiry must be in the future");
  else if (expiresAt > now + maxLifetimeMs) issues.add("expiresAt", `Expiry must be at most ${maxLabel} away`);
}

async function activeKeyCount(ctx: QueryCtx, userId: Id<"users">, now: number) {
  const unrevoked = await ctx.db
    .query("apiKeys")
    .withIndex("by_user", (q) => q.eq("userId", userId).eq("revokedAt", undefined))
    .collect();
  return unrevoked.filter((key) => !isExpired(key, now)).length;
}

/** Stores a new key for `userId` (acting as `subject`) and returns it; the key itself is never shown again. */
export async function issueKey(
  ctx: MutationCtx,
  owner: { userId: Id<"users">; subject: string },
  fields: { name: string; permissions: string[]; expiresAt?: number },
  now: number,
) {
  if ((await activeKeyCount(ctx, owner.userId, now)) >= API_KEY_LIMITS.activePerUser) {
    fail(
      "QUOTA_EXCEEDED",
      `This user has ${API_KEY_LIMITS.activePerUser} active API keys. Revoke one to create another.`,
    );
  }
  const { secret, hash } = await newSecret(KEY_PREFIX);
  const prefix = secret.slice(0, DISPLAY_PREFIX_LENGTH);
  const id = await ctx.db.insert("apiKeys", {
    userId: owner.userId,
    subject: owner.subject,
    name: fields.name,
    prefix,
    keyHash: hash,
    permissions: fields.permissions,
    createdAt: now,
    ...(fields.expiresAt !== undefined ? { expiresAt: fields.expiresAt } : {}),
  });
  return { id, key: secret, prefix };
}
