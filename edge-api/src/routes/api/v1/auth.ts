/**
 * Authentication of the REST API: `Authorization: Bearer px_…`. A valid key puts a token for
 * its owner on the context (`claims`, `token`), exactly where `requireUserToken` puts a user
 * token, so the routes and their permission checks (`permissions.ts`) work the same for both.
 *
 * The daily request limit (the plan's `apiRequestsPerDay`) is counted in Convex per owner across
 * all their keys and every edge instance (`apiKeys:countRequest`), one call per request; every
 * answer to a limited plan carries the `RateLimit-*` headers (unlimited plans are not counted
 * and get none). Failed key checks count against the client's address (`failed-auth.ts`).
 */
import type { MiddlewareHandler } from "hono";
import { getPlan } from "@pixorly/core";
import { makeFunctionReference } from "convex/server";
import { API_KEY_PATTERN, type ApiKeyAuthenticator } from "../../../lib/api-keys";
import type { AppEnv, AppServices } from "../../../lib/context";
import { ApiError, fromConvexError } from "../../../lib/errors";
import { clientAddress } from "../../../lib/failed-auth";
import { rateLimitHeaders, type RateLimitDecision } from "../../../lib/rate-limit";
import { bearerToken } from "../../../middleware/auth";

/** Service mutation (backend): counts one request of the key's owner against their plan's daily limit. */
export const apiKeysCountRequest = makeFunctionReference<"mutation", { keyId: string }, RateLimitDecision>(
  "apiKeys:countRequest",
);

export function requireApiKey(services: AppServices, authenticator: ApiKeyAuthenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = clientAddress(c, services.config.clientIpHeader);
    services.failedAuth.assertAllowed("API key", address);
    const presented = bearerToken(c, "Pixorly API key (px_…)");
    const caller = API_KEY_PATTERN.test(presented) ? await authenticator.authenticate(presented) : null;
    if (!caller) {
      services.failedAuth.recordFailure("API key", address);
      if (!API_KEY_PATTERN.test(presented))
        throw new ApiError("UNAUTHENTICATED", "That is not a Pixorly API key (px_ followed by 43 characters).");
      throw new ApiError("UNAUTHENTICATED", "This API key is unknown, revoked or expired.");
    }

    if (getPlan(caller.key.plan).apiRequestsPerDay !== null) {
      const decision = await (
        await services.convex.asService()
      )
        .mutation(apiKeysCountRequest, { keyId: caller.key.keyId })
        .catch((error: unknown) => {
          // Deleted since its verification was cached: the key is gone, which is the caller's 401, not a 404.
          if (fromConvexError(error)?.code === "NOT_FOUND")
            throw new ApiError("UNAUTHENTICATED", "This API key is unknown, revoked or expired.");
          throw error;
        });
      const headers = rateLimitHeaders(decision);
      if (!decision.allowed) {
        throw new ApiError(
          "RATE_LIMITED",
          `Your plan allows ${decision.limit} API requests per day (UTC), across all your keys.`,
          { headers },
        );
      }
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
    }
    c.set("claims", caller.token.claims);
    c.set("token", caller.token.token);
    await next();
  };
}
