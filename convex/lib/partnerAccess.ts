/**
 * Whether a partner, and the sessions and keys it stands behind, may still act. Partner rows made
 * before revocation existed have no status or token version: they read as active, version 1.
 */
import type { UserIdentity } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail } from "./errors";

export type PartnerStatus = "active" | "suspended" | "deleted";

export function statusOf(partner: Doc<"partners">): PartnerStatus {
  return partner.status ?? "active";
}

export function tokenVersionOf(partner: Doc<"partners">): number {
  return partner.tokenVersion ?? 1;
}

/** Token versions an embed token may carry right now: the current one, and the previous one during a rotation's grace. */
export function acceptedTokenVersions(partner: Doc<"partners">, now: number): number[] {
  const versions = [tokenVersionOf(partner)];
  if (partner.previousTokenVersion !== undefined && partner.graceEndsAt !== undefined && now < partner.graceEndsAt) {
    versions.push(partner.previousTokenVersion);
  }
  return versions;
}

export async function activePartner(
  ctx: QueryCtx,
  partnerId: Id<"partners"> | string | undefined,
): Promise<Doc<"partners"> | null> {
  const id = typeof partnerId === "string" ? ctx.db.normalizeId("partners", partnerId) : null;
  const partner = id ? await ctx.db.get(id) : null;
  return partner && statusOf(partner) === "active" ? partner : null;
}

function revoked(): never {
  return fail("UNAUTHENTICATED", "This session's partner access was revoked.");
}

/**
 * The partner a session acts under, checked on every call (contract item 3): from the token's `pid`
 * (then `pver` must be a version the partner still accepts), or from the user row for sessions that
 * carry no `pid` (the edge's API-key tokens for a partner's user). Null for first-party sessions.
 */
export async function checkSessionPartner(
  ctx: QueryCtx,
  identity: UserIdentity,
  user: Doc<"users"> | null,
): Promise<Doc<"partners"> | null> {
  if (identity.pid !== undefined) {
    const partner = await activePartner(ctx, typeof identity.pid === "string" ? identity.pid : undefined);
    if (!partner) return revoked();
    if (typeof identity.pver !== "number" || !acceptedTokenVersions(partner, Date.now()).includes(identity.pver))
      return revoked();
    // A token for one partner never acts as another partner's user.
    if (user?.partnerId !== undefined && user.partnerId !== partner._id) return revoked();
    return partner;
  }
  if (user?.partnerId !== undefined) {
    return (await activePartner(ctx, user.partnerId)) ?? revoked();
  }
  return null;
}
