/**
 * Partner servers authenticate with their secret key (`Authorization: Bearer pxs_…`). Convex
 * holds only its hash and answers who the partner is; the answer is kept for 30 seconds (by a
 * hash of the key, never the key itself) so a burst of token requests costs one Convex call.
 * A rotated or revoked key therefore stops working within 30 seconds. Failed checks count
 * against the client's address (`failed-auth.ts`): past the limit it gets 429 before Convex is asked.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv, AppServices } from "../lib/context";
import { partnersAuthenticate, type PartnerInfo } from "../lib/convex-functions";
import { ApiError } from "../lib/errors";
import { clientAddress } from "../lib/failed-auth";
import { bearerToken } from "./auth";

const CACHE_MS = 30_000;
const CACHE_MAX = 1_000;

export function requirePartner(services: AppServices): MiddlewareHandler<AppEnv> {
  const cache = new Map<string, { partner: PartnerInfo | null; at: number }>();
  const { now, cryptoProvider } = services.deps;

  async function lookup(secretKey: string): Promise<PartnerInfo | null> {
    const key = await cryptoProvider.sha256(secretKey);
    const hit = cache.get(key);
    if (hit && now() - hit.at < CACHE_MS) return hit.partner;
    const partner = await (await services.convex.asService()).query(partnersAuthenticate, { secretKey });
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, { partner, at: now() });
    return partner;
  }

  return async (c, next) => {
    const address = clientAddress(c, services.config.clientIpHeader);
    services.failedAuth.assertAllowed("partner secret", address);
    const secretKey = bearerToken(c, "partner secret key");
    if (!secretKey.startsWith("pxs_")) {
      services.failedAuth.recordFailure("partner secret", address);
      throw new ApiError("UNAUTHENTICATED", "Use your partner secret key (pxs_…) from your server.");
    }
    const partner = await lookup(secretKey);
    if (!partner) {
      services.failedAuth.recordFailure("partner secret", address);
      throw new ApiError("UNAUTHENTICATED", "This partner secret key is not valid.");
    }
    c.set("partner", partner);
    await next();
  };
}
