/**
 * Authentication of the REST API: `Authorization: Bearer px_…`. A valid key puts a token for
 * its owner on the context (`claims`, `token`), exactly where `requireUserToken` puts a user
 * token, so the routes and `requireScope` work the same for both. The key's plan sets its
 * daily request budget; every answer to a key-authenticated request carries the
 * `RateLimit-*` headers (unlimited plans have no limit to report, so they get none).
 */
import type { MiddlewareHandler } from "hono";
import { getPlan } from "@pixorly/core";
import { API_KEY_PATTERN, type ApiKeyAuthenticator } from "../../lib/api-keys";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { rateLimitHeaders, type FixedWindowLimiter } from "../../lib/rate-limit";
import { bearerToken } from "../../middleware/auth";

export function requireApiKey(authenticator: ApiKeyAuthenticator, limiter: FixedWindowLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const presented = bearerToken(c, "Pixorly API key (px_…)");
    if (!API_KEY_PATTERN.test(presented)) throw new ApiError("UNAUTHENTICATED", 401, "That is not a Pixorly API key (px_ followed by 43 characters).");
    const caller = await authenticator.authenticate(presented);
    if (!caller) throw new ApiError("UNAUTHENTICATED", 401, "This API key is unknown, revoked or expired.");

    const perDay = getPlan(caller.key.plan).apiRequestsPerDay;
    if (perDay !== null) {
      const decision = limiter.hit(caller.key.keyId, perDay);
      for (const [name, value] of Object.entries(rateLimitHeaders(decision))) c.header(name, value);
      if (!decision.allowed) throw new ApiError("RATE_LIMITED", 429, `This key's plan allows ${perDay} API requests per day.`);
    }
    c.set("claims", caller.token.claims);
    c.set("token", caller.token.token);
    await next();
  };
}
