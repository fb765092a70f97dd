/**
 * User-token authentication for the versioned routes. A request carries a Pixorly token
 * (`Authorization: Bearer <jwt>`) that this API issued; the verified claims and the raw token
 * (to call Convex as the caller) go on the context.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { UserScope } from "@pixorly/core";
import type { AppEnv, AppServices } from "../lib/context";
import { ApiError } from "../lib/errors";

/** The bearer credential of a request, or a 401 naming what is wrong. */
export function bearerToken(c: Context, what = "token"): string {
  const header = c.req.header("Authorization");
  if (!header) throw new ApiError("UNAUTHENTICATED", `Send a ${what} in the Authorization header (Bearer).`);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError("UNAUTHENTICATED", "The Authorization header must be `Bearer <credential>`.");
  return match[1]!;
}

export interface RequireUserTokenOptions {
  /**
   * Routes that browsers call: when the token is bound to an origin (embed tokens) and the
   * request says where it comes from (`Origin`), the two must match, so a token lifted from
   * one partner's page is useless on another site's page.
   */
  browser?: boolean;
}

export function requireUserToken(
  services: AppServices,
  options: RequireUserTokenOptions = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    const claims = await services.tokens.verifyToken(token);
    if (claims.scp?.includes("service")) {
      throw new ApiError("FORBIDDEN", "The service token cannot call user routes.");
    }
    if (options.browser && claims.origin) {
      const origin = c.req.header("Origin");
      if (origin && origin !== claims.origin) {
        throw new ApiError("FORBIDDEN", `This token may only be used from ${claims.origin}.`);
      }
    }
    c.set("claims", claims);
    c.set("token", token);
    await next();
  };
}

/** After `requireUserToken`: a token with scopes must hold `scope` (a token without `scp` is first-party). */
export function requireScope(scope: UserScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const scopes = c.get("claims").scp;
    if (scopes && !scopes.includes(scope)) throw new ApiError("FORBIDDEN", `This token does not allow "${scope}".`);
    await next();
  };
}
